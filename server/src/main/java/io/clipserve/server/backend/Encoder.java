package io.clipserve.server.backend;

/**
 * A loaded encoder. Thread-safe for {@link #run}: up to {@code instanceCount} threads call it at
 * once, each with its own {@link InputTensors}. The encoder owns its engine's native resources
 * (sessions, device memory) and frees them in {@link #close()}, which the caller invokes once, after
 * the last run has returned.
 */
public interface Encoder extends AutoCloseable {

  /** The spec this encoder was loaded from. */
  EncoderSpec spec();

  /** Largest batch one run takes: the config's limit, further limited by the model (1 for a fixed batch). */
  int maxBatchSize();

  /**
   * Runs rows {@code [0, batchSize)} of {@code tensors}.
   *
   * @return {@code batchSize × spec().outputDim()} floats, row-major, owned by the caller
   * @throws EncoderException when the engine fails
   */
  float[] run(InputTensors tensors, int batchSize) throws EncoderException;

  @Override
  void close();
}
