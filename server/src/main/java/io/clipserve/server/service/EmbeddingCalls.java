package io.clipserve.server.service;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.inference.Classifier;
import io.clipserve.server.inference.Embedder;
import io.clipserve.server.inference.RequestLimits;
import io.clipserve.server.inference.SimilarityScorer;
import io.clipserve.server.inference.SimilaritySession;
import io.clipserve.server.inference.Tokenization;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The EmbeddingService calls: each request's inputs checked against {@link RequestLimits}, then
 * admitted against its connection's {@link InputQuota}, then run. A limit's refusal is thrown
 * before anything is queued. Thread-safe; called on the transport's threads.
 */
@Singleton
public final class EmbeddingCalls {
  private final Embedder embedder;
  private final SimilarityScorer scorer;
  private final Classifier classifier;
  private final Tokenization tokenization;
  private final RequestLimits limits;

  public EmbeddingCalls(Embedder embedder, SimilarityScorer scorer, Classifier classifier,
      Tokenization tokenization, RequestLimits limits) {
    this.embedder = embedder;
    this.scorer = scorer;
    this.classifier = classifier;
    this.tokenization = tokenization;
    this.limits = limits;
  }

  public CompletableFuture<EmbedResponse> embed(EmbedRequest request, CallScope scope,
      InputQuota quota) {
    return quota.admit(limits.inputs(request), () -> embedder.embed(request, scope));
  }

  public CompletableFuture<SimilarityResponse> similarity(SimilarityRequest request,
      CallScope scope, InputQuota quota) {
    return quota.admit(limits.inputs(request), () -> scorer.score(request, scope));
  }

  /**
   * A SimilarityStream's handler: candidates sent once are kept for the later messages of the
   * stream, each message checked and admitted as {@link #similarity} does.
   */
  public Function<SimilarityRequest, CompletableFuture<SimilarityResponse>> similarityStream(
      CallScope scope, InputQuota quota) {
    SimilaritySession session = scorer.session(scope);
    return request -> quota.admit(limits.inputs(request), () -> session.score(request));
  }

  public CompletableFuture<ClassifyResponse> classify(ClassifyRequest request, CallScope scope,
      InputQuota quota) {
    return quota.admit(limits.inputs(request), () -> classifier.classify(request, scope));
  }

  public CompletableFuture<TokenizeResponse> tokenize(TokenizeRequest request) {
    return tokenization.tokenize(request);
  }
}
