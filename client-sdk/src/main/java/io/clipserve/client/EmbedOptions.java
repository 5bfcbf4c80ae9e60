package io.clipserve.client;

/**
 * Optional settings of an embed call. Immutable and thread-safe.
 *
 * @param modelVersion the model version to use; 0 lets the server pick the highest READY version
 *     its version policy serves
 * @param raw true for the encoder's output as is, false (the default) for L2-normalised vectors
 */
public record EmbedOptions(long modelVersion, boolean raw) {

  /** The policy's default version, L2-normalised vectors. */
  public static final EmbedOptions DEFAULT = new EmbedOptions(0, false);

  /** Checks the version is not negative. */
  public EmbedOptions {
    if (modelVersion < 0) {
      throw new IllegalArgumentException("model version must be >= 0, got " + modelVersion);
    }
  }

  /** These options at the given model version (0: the policy's default). */
  public EmbedOptions withModelVersion(long version) {
    return new EmbedOptions(version, raw);
  }

  /** These options asking for raw (true) or L2-normalised (false) vectors. */
  public EmbedOptions withRaw(boolean rawVectors) {
    return new EmbedOptions(modelVersion, rawVectors);
  }
}
