package io.clipserve.client;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc.EmbeddingServiceStub;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.grpc.stub.StreamObserver;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@link ClientStream} needs to know of one streaming RPC: how to open it and how to read and
 * set the {@code request_id} and {@code error} fields of its messages (the caller's id goes back
 * on the answer). Immutable.
 */
record StreamKind<Q, A>(
    BiFunction<EmbeddingServiceStub, StreamObserver<A>, StreamObserver<Q>> open,
    BiFunction<Q, String, Q> tagRequest,
    Function<A, String> responseId,
    BiFunction<A, Q, A> restoreId,
    Function<A, com.google.rpc.Status> error) {

  static final StreamKind<EmbedRequest, EmbedResponse> EMBED = new StreamKind<>(
      EmbeddingServiceStub::embedStream,
      (request, id) -> request.toBuilder().setRequestId(id).build(),
      EmbedResponse::getRequestId,
      (response, request) -> response.toBuilder().setRequestId(request.getRequestId()).build(),
      response -> response.hasError() ? response.getError() : null);

  static final StreamKind<SimilarityRequest, SimilarityResponse> SIMILARITY = new StreamKind<>(
      EmbeddingServiceStub::similarityStream,
      (request, id) -> request.toBuilder().setRequestId(id).build(),
      SimilarityResponse::getRequestId,
      (response, request) -> response.toBuilder().setRequestId(request.getRequestId()).build(),
      response -> response.hasError() ? response.getError() : null);
}
