package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.proto.v1.TokenizedText;
import io.clipserve.proto.v1.UnloadModelRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The calls of {@link ClipServeClient} as {@link CompletableFuture}s, from
 * {@link ClipServeClient#async()}; see there for what each call does.
 *
 * <p>Thread-safe and immutable. A future fails with the call's
 * {@link io.grpc.StatusRuntimeException} as its cause; cancelling it cancels the call. Futures
 * complete on gRPC's threads, so stages chained without an executor run there: keep them short or
 * pass an executor ({@code thenApplyAsync(f, executor)}). Image files are read on the calling thread.
 */
public final class AsyncClipServeClient {

    private final Stubs stubs;

    AsyncClipServeClient(Stubs stubs) {
        this.stubs = stubs;
    }

    /** See {@link ClipServeClient#embedTexts(String, List)}. */
    public CompletableFuture<EmbeddingResult> embedTexts(String model, List<String> texts) {
        return embedTexts(model, texts, EmbedOptions.DEFAULT);
    }

    /** See {@link ClipServeClient#embedTexts(String, List, EmbedOptions)}. */
    public CompletableFuture<EmbeddingResult> embedTexts(String model, List<String> texts,
                                                         EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.texts(texts), options));
    }

    /** See {@link ClipServeClient#embedImages(String, List)}. */
    public CompletableFuture<EmbeddingResult> embedImages(String model, List<Path> images) {
        return embedImages(model, images, EmbedOptions.DEFAULT);
    }

    /** See {@link ClipServeClient#embedImages(String, List, EmbedOptions)}. */
    public CompletableFuture<EmbeddingResult> embedImages(String model, List<Path> images,
                                                          EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.images(images), options));
    }

    /** See {@link ClipServeClient#embedImageBytes(String, List)}. */
    public CompletableFuture<EmbeddingResult> embedImageBytes(String model, List<byte[]> images) {
        return embedImageBytes(model, images, EmbedOptions.DEFAULT);
    }

    /** See {@link ClipServeClient#embedImageBytes(String, List, EmbedOptions)}. */
    public CompletableFuture<EmbeddingResult> embedImageBytes(String model, List<byte[]> images,
                                                              EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.imageBytes(images), options));
    }

    /** See {@link ClipServeClient#embed(EmbedRequest)}. */
    public CompletableFuture<EmbeddingResult> embed(EmbedRequest request) {
        return FutureBridge.bridge(stubs.embeddingFuture().embed(request), EmbeddingResult::from);
    }

    /** See {@link ClipServeClient#similarity(String, List, List, int)}. */
    public CompletableFuture<SimilarityResponse> similarity(String model, List<Input> queries,
                                                            List<Input> candidates, int topK) {
        return similarity(Requests.similarity(model, queries, candidates, topK));
    }

    /** See {@link ClipServeClient#similarity(SimilarityRequest)}. */
    public CompletableFuture<SimilarityResponse> similarity(SimilarityRequest request) {
        return FutureBridge.bridge(stubs.embeddingFuture().similarity(request), Function.identity());
    }

    /** See {@link ClipServeClient#classify(String, List, List, List, int)}. */
    public CompletableFuture<ClassifyResponse> classify(String model, List<Input> images,
                                                        List<String> labels, List<String> templates,
                                                        int topK) {
        return classify(Requests.classify(model, images, labels, templates, topK));
    }

    /** See {@link ClipServeClient#classify(ClassifyRequest)}. */
    public CompletableFuture<ClassifyResponse> classify(ClassifyRequest request) {
        return FutureBridge.bridge(stubs.embeddingFuture().classify(request), Function.identity());
    }

    /** See {@link ClipServeClient#tokenize(String, List)}. */
    public CompletableFuture<List<TokenizedText>> tokenize(String model, List<String> texts) {
        return tokenize(Requests.tokenize(model, texts));
    }

    /** See {@link ClipServeClient#tokenize(TokenizeRequest)}. */
    public CompletableFuture<List<TokenizedText>> tokenize(TokenizeRequest request) {
        return FutureBridge.bridge(stubs.embeddingFuture().tokenize(request),
                TokenizeResponse::getTextsList);
    }

    /** See {@link ClipServeClient#listModels()}. */
    public CompletableFuture<List<ModelInfo>> listModels() {
        return FutureBridge.bridge(
                stubs.modelsFuture().listModels(ListModelsRequest.getDefaultInstance()),
                ListModelsResponse::getModelsList);
    }

    /** See {@link ClipServeClient#getModel(String)}. */
    public CompletableFuture<ModelInfo> getModel(String name) {
        return FutureBridge.bridge(
                stubs.modelsFuture().getModel(GetModelRequest.newBuilder().setName(name).build()),
                Function.identity());
    }

    /** See {@link ClipServeClient#loadModel(String)}. */
    public CompletableFuture<ModelInfo> loadModel(String name) {
        return FutureBridge.bridge(
                stubs.modelsFuture().loadModel(LoadModelRequest.newBuilder().setName(name).build()),
                Function.identity());
    }

    /** See {@link ClipServeClient#unloadModel(String)}; completes with null once unloaded. */
    public CompletableFuture<Void> unloadModel(String name) {
        return FutureBridge.bridge(
                stubs.modelsFuture().unloadModel(UnloadModelRequest.newBuilder().setName(name).build()),
                response -> null);
    }

    /** See {@link ClipServeClient#statistics()}. */
    public CompletableFuture<List<ModelStatistics>> statistics() {
        return statistics("", 0);
    }

    /** See {@link ClipServeClient#statistics(String, long)}. */
    public CompletableFuture<List<ModelStatistics>> statistics(String model, long version) {
        return FutureBridge.bridge(
                stubs.modelsFuture().getStatistics(Requests.statistics(model, version)),
                GetStatisticsResponse::getModelsList);
    }
}
