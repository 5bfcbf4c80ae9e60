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
import io.clipserve.server.inference.Classifier;
import io.clipserve.server.inference.Embedder;
import io.clipserve.server.inference.RequestLimits;
import io.clipserve.server.inference.SimilarityScorer;
import io.clipserve.server.inference.SimilaritySession;
import io.clipserve.server.inference.Tokenization;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * {@code clipserve.v1.EmbeddingService}: adapts gRPC calls to the inference operations. Each
 * request's inputs are checked against {@link RequestLimits} and then admitted against its
 * connection's {@link ConnectionQuota}.
 */
@Singleton
public final class EmbeddingGrpcService extends EmbeddingServiceGrpc.EmbeddingServiceImplBase {
  /** Stream messages taken in and not yet answered, per stream. */
  static final int STREAM_WINDOW = 32;

  private final Embedder embedder;
  private final SimilarityScorer scorer;
  private final Classifier classifier;
  private final Tokenization tokenization;
  private final RequestLimits limits;
  private final CallGate gate;

  public EmbeddingGrpcService(Embedder embedder, SimilarityScorer scorer, Classifier classifier,
      Tokenization tokenization, RequestLimits limits, CallGate gate) {
    this.limits = limits;
    this.gate = gate;
    this.embedder = embedder;
    this.scorer = scorer;
    this.classifier = classifier;
    this.tokenization = tokenization;
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    ConnectionQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> quota.admit(limits.inputs(request),
        () -> embedder.embed(request, GrpcCallScope.current())));
  }

  @Override
  public StreamObserver<EmbedRequest> embedStream(StreamObserver<EmbedResponse> observer) {
    var scope = GrpcCallScope.current();
    ConnectionQuota quota = ConnectionQuota.current();
    return FlowControlledStream.start(observer, STREAM_WINDOW, gate,
        request -> quota.admit(limits.inputs(request), () -> embedder.embed(request, scope)),
        (request, error) -> EmbedResponse.newBuilder().setModel(request.getModel())
            .setRequestId(request.getRequestId()).setError(GrpcErrors.toRpcStatus(error)).build());
  }

  @Override
  public void similarity(SimilarityRequest request, StreamObserver<SimilarityResponse> observer) {
    ConnectionQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> quota.admit(limits.inputs(request),
        () -> scorer.score(request, GrpcCallScope.current())));
  }

  @Override
  public StreamObserver<SimilarityRequest> similarityStream(StreamObserver<SimilarityResponse> observer) {
    SimilaritySession session = scorer.session(GrpcCallScope.current());
    ConnectionQuota quota = ConnectionQuota.current();
    return FlowControlledStream.start(observer, STREAM_WINDOW, gate,
        request -> quota.admit(limits.inputs(request), () -> session.score(request)),
        (request, error) -> SimilarityResponse.newBuilder().setModel(request.getModel())
            .setRequestId(request.getRequestId()).setError(GrpcErrors.toRpcStatus(error)).build());
  }

  @Override
  public void classify(ClassifyRequest request, StreamObserver<ClassifyResponse> observer) {
    ConnectionQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> quota.admit(limits.inputs(request),
        () -> classifier.classify(request, GrpcCallScope.current())));
  }

  @Override
  public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> observer) {
    UnaryCalls.answer(observer, () -> tokenization.tokenize(request));
  }
}
