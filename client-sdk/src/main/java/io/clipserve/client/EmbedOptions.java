package io.clipserve.client;

/**
 * Optional settings of an embed call. Immutable and thread-safe. The facade returns float
 * vectors only; for the packed element types of {@code EmbedRequest.element_type} call the
 * generated stubs on {@link ClipServeClient#channel()}.
 *
 * @param modelVersion the model version to use; 0 lets the server pick the highest READY version
 *     its version policy serves
 * @param raw true for the encoder's output as is, false (the default) for L2-normalised vectors
 * @param dimensions 0 (the default) for the model's embedding_dim; otherwise the first values of
 *     each vector, L2-normalised again unless raw (meaningful for Matryoshka-trained models only)
 */
public record EmbedOptions(long modelVersion, boolean raw, int dimensions) {

  /** The policy's default version, L2-normalised vectors of the model's full dimension. */
  public static final EmbedOptions DEFAULT = new EmbedOptions(0, false, 0);

  /** Checks the version and dimensions are not negative. */
  public EmbedOptions {
    if (modelVersion < 0) {
      throw new IllegalArgumentException("model version must be >= 0, got " + modelVersion);
    }
    if (dimensions < 0) {
      throw new IllegalArgumentException("dimensions must be >= 0, got " + dimensions);
    }
  }

  /** These options at the given model version (0: the policy's default). */
  public EmbedOptions withModelVersion(long version) {
    return new EmbedOptions(version, raw, dimensions);
  }

  /** These options asking for raw (true) or L2-normalised (false) vectors. */
  public EmbedOptions withRaw(boolean rawVectors) {
    return new EmbedOptions(modelVersion, rawVectors, dimensions);
  }

  /** These options keeping the first {@code count} values of each vector (0: all). */
  public EmbedOptions withDimensions(int count) {
    return new EmbedOptions(modelVersion, raw, count);
  }
}
