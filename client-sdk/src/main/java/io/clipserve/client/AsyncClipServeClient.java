package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.proto.v1.TokenizedText;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The calls of {@link ClipServeClient} as {@link CompletableFuture}s, from
 * {@link ClipServeClient#async()}; see {@link EmbeddingCalls} and {@link ModelCalls} for what each
 * call does.
 *
 * <p>Thread-safe and immutable. A future fails with the call's
 * {@link io.grpc.StatusRuntimeException} as its cause; cancelling it cancels the call. Futures
 * complete on gRPC's threads, so stages chained without an executor run there: keep them short or
 * pass an executor ({@code thenApplyAsync(f, executor)}). Image files are read on the calling
 * thread.
 */
public final class AsyncClipServeClient implements
    EmbeddingCalls<CompletableFuture<EmbeddingResult>, CompletableFuture<SimilarityResponse>,
        CompletableFuture<ClassifyResponse>, CompletableFuture<List<TokenizedText>>>,
    ModelCalls<CompletableFuture<ModelInfo>, CompletableFuture<List<ModelInfo>>,
        CompletableFuture<List<ModelStatistics>>> {

  private final Stubs stubs;

  AsyncClipServeClient(Stubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public CompletableFuture<EmbeddingResult> embed(EmbedRequest request) {
    return FutureBridge.bridge(stubs.embeddingFuture().embed(request), EmbeddingResult::from);
  }

  @Override
  public CompletableFuture<SimilarityResponse> similarity(SimilarityRequest request) {
    return FutureBridge.bridge(stubs.embeddingFuture().similarity(request), Function.identity());
  }

  @Override
  public CompletableFuture<ClassifyResponse> classify(ClassifyRequest request) {
    return FutureBridge.bridge(stubs.embeddingFuture().classify(request), Function.identity());
  }

  @Override
  public CompletableFuture<List<TokenizedText>> tokenize(TokenizeRequest request) {
    return FutureBridge.bridge(stubs.embeddingFuture().tokenize(request),
        TokenizeResponse::getTextsList);
  }

  @Override
  public CompletableFuture<List<ModelInfo>> listModels() {
    return FutureBridge.bridge(
        stubs.modelsFuture().listModels(ListModelsRequest.getDefaultInstance()),
        ListModelsResponse::getModelsList);
  }

  @Override
  public CompletableFuture<ModelInfo> getModel(String name) {
    return FutureBridge.bridge(stubs.modelsFuture().getModel(Requests.getModel(name)),
        Function.identity());
  }

  @Override
  public CompletableFuture<ModelInfo> loadModel(String name, long version) {
    return FutureBridge.bridge(stubs.modelsFuture().loadModel(Requests.loadModel(name, version)),
        Function.identity());
  }

  /** See {@link ClipServeClient#unloadModel(String)}; completes with null once unloaded. */
  public CompletableFuture<Void> unloadModel(String name) {
    return FutureBridge.bridge(stubs.modelsFuture().unloadModel(Requests.unloadModel(name, 0)),
        response -> null);
  }

  @Override
  public CompletableFuture<List<ModelStatistics>> statistics(String model, long version) {
    return FutureBridge.bridge(
        stubs.modelsFuture().getStatistics(Requests.statistics(model, version)),
        GetStatisticsResponse::getModelsList);
  }
}
