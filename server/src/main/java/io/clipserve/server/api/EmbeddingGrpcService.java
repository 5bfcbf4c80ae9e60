package io.clipserve.server.api;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.server.service.EmbeddingCalls;
import io.clipserve.server.service.InputQuota;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * {@code clipserve.v1.EmbeddingService}: adapts gRPC calls to {@link EmbeddingCalls}, with the
 * call's deadline and cancellation ({@link GrpcCallScope}) and its connection's quota.
 */
@Singleton
public final class EmbeddingGrpcService extends EmbeddingServiceGrpc.EmbeddingServiceImplBase {
  /** Stream messages taken in and not yet answered, per stream. */
  static final int STREAM_WINDOW = 32;

  private final EmbeddingCalls calls;
  private final CallGate gate;

  public EmbeddingGrpcService(EmbeddingCalls calls, CallGate gate) {
    this.calls = calls;
    this.gate = gate;
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    InputQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> calls.embed(request, GrpcCallScope.current(), quota));
  }

  @Override
  public StreamObserver<EmbedRequest> embedStream(StreamObserver<EmbedResponse> observer) {
    var scope = GrpcCallScope.current();
    InputQuota quota = ConnectionQuota.current();
    return FlowControlledStream.start(observer, STREAM_WINDOW, gate,
        request -> calls.embed(request, scope, quota),
        (request, error) -> EmbedResponse.newBuilder().setModel(request.getModel())
            .setRequestId(request.getRequestId()).setError(GrpcErrors.toRpcStatus(error)).build());
  }

  @Override
  public void similarity(SimilarityRequest request, StreamObserver<SimilarityResponse> observer) {
    InputQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> calls.similarity(request, GrpcCallScope.current(), quota));
  }

  @Override
  public StreamObserver<SimilarityRequest> similarityStream(StreamObserver<SimilarityResponse> observer) {
    return FlowControlledStream.start(observer, STREAM_WINDOW, gate,
        calls.similarityStream(GrpcCallScope.current(), ConnectionQuota.current()),
        (request, error) -> SimilarityResponse.newBuilder().setModel(request.getModel())
            .setRequestId(request.getRequestId()).setError(GrpcErrors.toRpcStatus(error)).build());
  }

  @Override
  public void classify(ClassifyRequest request, StreamObserver<ClassifyResponse> observer) {
    InputQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> calls.classify(request, GrpcCallScope.current(), quota));
  }

  @Override
  public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> observer) {
    UnaryCalls.answer(observer, () -> calls.tokenize(request));
  }
}
