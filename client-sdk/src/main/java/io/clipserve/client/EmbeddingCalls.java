package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedding calls of a client: one method per RPC taking a request built by hand, and the
 * shortcuts that build those requests from plain arguments. {@link ClipServeClient} answers with
 * values, {@link AsyncClipServeClient} with futures of the same values; the type parameters say
 * which. Implementations are thread-safe; the shortcuts read image files on the calling thread.
 *
 * @param <E> the answer to an embed call ({@link EmbeddingResult}, or a future of one)
 * @param <S> the answer to a similarity call ({@code SimilarityResponse}, or a future of one)
 * @param <C> the answer to a classify call ({@code ClassifyResponse}, or a future of one)
 * @param <T> the answer to a tokenize call ({@code List<TokenizedText>}, or a future of one)
 */
public interface EmbeddingCalls<E, S, C, T> {

  /** Embeddings for a request built by hand (mixed texts and images, ids). */
  E embed(EmbedRequest request);

  /** Similarity for a request built by hand (model version, ids). */
  S similarity(SimilarityRequest request);

  /** Classification for a request built by hand (model version). */
  C classify(ClassifyRequest request);

  /** Tokenization for a request built by hand (model version). */
  T tokenize(TokenizeRequest request);

  /** L2-normalised embeddings of {@code texts} from the policy's default version. */
  default E embedTexts(String model, List<String> texts) {
    return embedTexts(model, texts, EmbedOptions.DEFAULT);
  }

  /** Embeddings of {@code texts}, as {@code options} ask. */
  default E embedTexts(String model, List<String> texts, EmbedOptions options) {
    return embed(Requests.embed(model, Inputs.texts(texts), options));
  }

  /** L2-normalised embeddings of image files (read here, sent encoded) from the default version. */
  default E embedImages(String model, List<Path> images) {
    return embedImages(model, images, EmbedOptions.DEFAULT);
  }

  /** Embeddings of image files (read here, sent encoded), as {@code options} ask. */
  default E embedImages(String model, List<Path> images, EmbedOptions options) {
    return embed(Requests.embed(model, Inputs.images(images), options));
  }

  /** L2-normalised embeddings of encoded images (JPEG, PNG, BMP, GIF) from the default version. */
  default E embedImageBytes(String model, List<byte[]> images) {
    return embedImageBytes(model, images, EmbedOptions.DEFAULT);
  }

  /** Embeddings of encoded images, as {@code options} ask. */
  default E embedImageBytes(String model, List<byte[]> images, EmbedOptions options) {
    return embed(Requests.embed(model, Inputs.imageBytes(images), options));
  }

  /**
   * Scores every query against the candidates: one row per query, scores sorted by logit, best
   * first, the {@code topK} best only (0: all).
   */
  default S similarity(String model, List<Input> queries, List<Input> candidates, int topK) {
    return similarity(Requests.similarity(model, queries, candidates, topK));
  }

  /**
   * Zero-shot classification: one row per image, the {@code topK} most likely labels (0: all).
   * Empty {@code templates} use the model's own; {@code "{}"} in a template stands for the label.
   */
  default C classify(String model, List<Input> images, List<String> labels, List<String> templates,
      int topK) {
    return classify(Requests.classify(model, images, labels, templates, topK));
  }

  /** The token ids the text encoder is fed, padded to its context length, one per text. */
  default T tokenize(String model, List<String> texts) {
    return tokenize(Requests.tokenize(model, texts));
  }
}
