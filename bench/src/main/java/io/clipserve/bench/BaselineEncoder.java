package io.clipserve.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.TextEncoderConfig;
import io.clipserve.proto.v1.TokenType;
import io.clipserve.server.backend.onnx.OrtEncoderProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One encoder as the baseline runs it: its file, the server's thread settings for it (from the
 * config the server reports, defaults filled in), and its input tensors at any batch size: random
 * normal pixels for images (the cost does not depend on them), real token ids for texts.
 * Immutable; the tensors it makes belong to the caller, who closes them.
 */
record BaselineEncoder(String label, Path file, String output, int maxBatchSize, int instanceCount,
    int intraOpThreads, Feeds feeds) {

  /** Executions in parallel, as the server runs them: {@code instance_count}, 0 read as 1. */
  int instances() {
    return Math.max(1, instanceCount);
  }

  /** Intra-op threads per execution, by the server's rule. */
  int threadsPerInstance() {
    return OrtEncoderProvider.intraOpThreads(intraOpThreads, instances());
  }

  /** Makes the inputs of one batch. */
  @FunctionalInterface
  interface Feeds {
    Map<String, OnnxTensor> make(OrtEnvironment environment, int batchSize) throws OrtException;
  }

  static BaselineEncoder image(Path versionDir, ImageEncoderConfig config) {
    int size = config.getImageSize();
    return new BaselineEncoder("image", versionDir.resolve(config.getFile()), config.getOutput(),
        config.getMaxBatchSize(),
        config.getInstanceCount(), config.getIntraOpThreads(), (environment, batch) -> {
          Random random = new Random(42);
          FloatBuffer pixels = ByteBuffer.allocateDirect(4 * batch * 3 * size * size)
              .order(ByteOrder.nativeOrder()).asFloatBuffer();
          while (pixels.hasRemaining()) {
            pixels.put((float) random.nextGaussian());
          }
          return Map.of(config.getInput(),
              OnnxTensor.createTensor(environment, pixels.flip(),
                  new long[] {batch, 3, size, size}));
        });
  }

  /** The text encoder fed {@code ids} (each padded to the context length) cycled over the batch. */
  static BaselineEncoder text(Path versionDir, TextEncoderConfig config, List<long[]> ids) {
    return new BaselineEncoder("text", versionDir.resolve(config.getFile()), config.getOutput(),
        config.getMaxBatchSize(),
        config.getInstanceCount(), config.getIntraOpThreads(), (environment, batch) -> {
          int length = config.getContextLength();
          long[] tokens = new long[batch * length];
          for (int row = 0; row < batch; row++) {
            System.arraycopy(ids.get(row % ids.size()), 0, tokens, row * length, length);
          }
          Map<String, OnnxTensor> feed = new HashMap<>();
          feed.put(config.getInput(),
              tensor(environment, config.getInputType(), tokens, batch, length));
          if (!config.getAttentionMaskInput().isEmpty()) {
            long[] mask = new long[tokens.length];
            for (int i = 0; i < mask.length; i++) {
              mask[i] = tokens[i] == config.getPadId() ? 0 : 1;
            }
            feed.put(config.getAttentionMaskInput(),
                tensor(environment, config.getInputType(), mask, batch, length));
          }
          return feed;
        });
  }

  private static OnnxTensor tensor(OrtEnvironment environment, TokenType type, long[] values,
      int batch, int length) throws OrtException {
    long[] shape = {batch, length};
    if (type == TokenType.INT32) {
      int[] ints = new int[values.length];
      for (int i = 0; i < ints.length; i++) {
        ints[i] = Math.toIntExact(values[i]);
      }
      return OnnxTensor.createTensor(environment, java.nio.IntBuffer.wrap(ints), shape);
    }
    return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
  }
}
