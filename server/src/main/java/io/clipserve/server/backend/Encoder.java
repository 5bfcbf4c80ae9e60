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
   * The largest batch the encoder file itself takes: an ONNX input's fixed batch size, or the
   * maximum of a TensorRT engine's optimisation profile; 0 when the file leaves the batch axis free
   * (a dynamic ONNX batch axis), so that only the config limits it.
   */
  int fileMaxBatchSize();

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
