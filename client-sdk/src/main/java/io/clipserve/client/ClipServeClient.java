package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizedText;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Blocking client of a clipserve server; {@link #async()} gives the same calls as futures.
 *
 * <p>Thread-safe and immutable: share one instance. Every call gets the client's deadline
 * ({@link ClipServeClientBuilder#deadline}, 30 s unless set); {@link #withDeadline} gives a view
 * with another. Failures throw {@link io.grpc.StatusRuntimeException} (see the package doc).
 * A client built from a target owns its channel and {@link #close()} shuts it down; one built over
 * a caller's channel ({@link #forChannel}) and views from {@link #withDeadline} own nothing.
 */
public final class ClipServeClient implements AutoCloseable {

    private final Stubs stubs;
    private final ManagedChannel ownedChannel; // null: the channel belongs to someone else

    ClipServeClient(Stubs stubs, ManagedChannel ownedChannel) {
        this.stubs = stubs;
        this.ownedChannel = ownedChannel;
    }

    /** A builder; plaintext to {@code localhost:8001} with a 30 s deadline unless told otherwise. */
    public static ClipServeClientBuilder builder() {
        return new ClipServeClientBuilder();
    }

    /** A client over the caller's channel (for example an in-process one); the caller closes it. */
    public static ClipServeClient forChannel(Channel channel) {
        return builder().channel(channel).build();
    }

    /** A view of this client whose calls get {@code deadline}; it shares and never closes the channel. */
    public ClipServeClient withDeadline(Duration deadline) {
        return new ClipServeClient(new Stubs(stubs.channel(), ClipServeClientBuilder.positive(deadline)), null);
    }

    /** The deadline each call gets, if any. */
    public Optional<Duration> deadline() {
        return stubs.deadline();
    }

    /** The channel, for the generated stubs (streaming RPCs, health, reflection). */
    public Channel channel() {
        return stubs.channel();
    }

    /** The same calls returning futures, with this client's channel and deadline. */
    public AsyncClipServeClient async() {
        return new AsyncClipServeClient(stubs);
    }

    /** L2-normalised embeddings of {@code texts} from the policy's default version. */
    public EmbeddingResult embedTexts(String model, List<String> texts) {
        return embedTexts(model, texts, EmbedOptions.DEFAULT);
    }

    /** Embeddings of {@code texts}, as {@code options} ask. */
    public EmbeddingResult embedTexts(String model, List<String> texts, EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.texts(texts), options));
    }

    /** L2-normalised embeddings of image files (read here, sent encoded) from the default version. */
    public EmbeddingResult embedImages(String model, List<Path> images) {
        return embedImages(model, images, EmbedOptions.DEFAULT);
    }

    /** Embeddings of image files (read here, sent encoded), as {@code options} ask. */
    public EmbeddingResult embedImages(String model, List<Path> images, EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.images(images), options));
    }

    /** L2-normalised embeddings of encoded images (JPEG, PNG, BMP, GIF) from the default version. */
    public EmbeddingResult embedImageBytes(String model, List<byte[]> images) {
        return embedImageBytes(model, images, EmbedOptions.DEFAULT);
    }

    /** Embeddings of encoded images, as {@code options} ask. */
    public EmbeddingResult embedImageBytes(String model, List<byte[]> images, EmbedOptions options) {
        return embed(Requests.embed(model, Inputs.imageBytes(images), options));
    }

    /** Embeddings for a request built by hand (mixed texts and images, ids). */
    public EmbeddingResult embed(EmbedRequest request) {
        return EmbeddingResult.from(stubs.embedding().embed(request));
    }

    /**
     * Scores every query against the candidates: one row per query, scores sorted by logit, best
     * first, the {@code topK} best only (0: all).
     */
    public SimilarityResponse similarity(String model, List<Input> queries, List<Input> candidates,
                                         int topK) {
        return similarity(Requests.similarity(model, queries, candidates, topK));
    }

    /** Similarity for a request built by hand (model version, ids). */
    public SimilarityResponse similarity(SimilarityRequest request) {
        return stubs.embedding().similarity(request);
    }

    /**
     * Opens an {@code EmbedStream}: send {@link EmbedRequest}s on the returned stream, answers go to
     * {@code listener} (see {@link ClientStream} for flow control, {@link StreamListener} for threads).
     * <pre>{@code
     * ClientStream<EmbedRequest, EmbedResponse> stream =
     *         client.embedStream(StreamOptions.ordered().window(32), listener);
     * stream.send(request);
     * stream.complete();
     * }</pre>
     */
    public ClientStream<EmbedRequest, EmbedResponse> embedStream(
            StreamOptions options, StreamListener<EmbedRequest, EmbedResponse> listener) {
        return ClientStream.open(stubs.embeddingStream(options.deadline()), StreamKind.EMBED, options, listener);
    }

    /**
     * Opens a {@code SimilarityStream}; candidates sent once stay for the stream, so later messages
     * may carry queries only. Otherwise as {@link #embedStream}.
     */
    public ClientStream<SimilarityRequest, SimilarityResponse> similarityStream(
            StreamOptions options, StreamListener<SimilarityRequest, SimilarityResponse> listener) {
        return ClientStream.open(stubs.embeddingStream(options.deadline()), StreamKind.SIMILARITY,
                options, listener);
    }

    /**
     * Zero-shot classification: one row per image, the {@code topK} most likely labels (0: all).
     * Empty {@code templates} use the model's own; {@code "{}"} in a template stands for the label.
     */
    public ClassifyResponse classify(String model, List<Input> images, List<String> labels,
                                     List<String> templates, int topK) {
        return classify(Requests.classify(model, images, labels, templates, topK));
    }

    /** Classification for a request built by hand (model version). */
    public ClassifyResponse classify(ClassifyRequest request) {
        return stubs.embedding().classify(request);
    }

    /** The token ids the text encoder is fed, padded to its context length, one per text. */
    public List<TokenizedText> tokenize(String model, List<String> texts) {
        return tokenize(Requests.tokenize(model, texts));
    }

    /** Tokenization for a request built by hand (model version). */
    public List<TokenizedText> tokenize(TokenizeRequest request) {
        return stubs.embedding().tokenize(request).getTextsList();
    }

    /** Every model the server knows, with each version's state. */
    public List<ModelInfo> listModels() {
        return stubs.models().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
    }

    /** One model: its config, versions, states and failure reasons. */
    public ModelInfo getModel(String name) {
        return stubs.models().getModel(GetModelRequest.newBuilder().setName(name).build());
    }

    /** Has the server (re)read the model's directory now; answers the model as it is afterwards. */
    public ModelInfo loadModel(String name) {
        return loadModel(name, 0);
    }

    /**
     * Like {@link #loadModel(String)}, also lifting an earlier {@link #unloadModel(String, long)}
     * of {@code version} (0: of every version).
     */
    public ModelInfo loadModel(String name, long version) {
        return stubs.models().loadModel(LoadModelRequest.newBuilder().setName(name).setVersion(version).build());
    }

    /** Has the server stop serving the model; the poller does not bring it back, loadModel does. */
    public void unloadModel(String name) {
        unloadModel(name, 0);
    }

    /** Has the server stop serving one version (0: the whole model); the policy serves the others. */
    public void unloadModel(String name, long version) {
        stubs.models().unloadModel(UnloadModelRequest.newBuilder().setName(name).setVersion(version).build());
    }

    /** Counts, queue and compute times and batch sizes of every model version. */
    public List<ModelStatistics> statistics() {
        return statistics("", 0);
    }

    /** Statistics of one model ({@code ""}: all) at one version (0: all its versions). */
    public List<ModelStatistics> statistics(String model, long version) {
        return stubs.models().getStatistics(Requests.statistics(model, version)).getModelsList();
    }

    /** Shuts down the channel this client owns, waiting up to 5 s for calls in flight. */
    @Override
    public void close() {
        if (ownedChannel == null) {
            return;
        }
        ownedChannel.shutdown();
        try {
            if (!ownedChannel.awaitTermination(5, TimeUnit.SECONDS)) {
                ownedChannel.shutdownNow();
            }
        } catch (InterruptedException e) {
            ownedChannel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
