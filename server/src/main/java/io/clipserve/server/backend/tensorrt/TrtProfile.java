package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.EncoderException;
import java.util.List;

/**
 * The batch range of a TensorRT optimisation profile: the batch axis of every input may take any
 * value in {@code [min, max]}; kernels are tuned for {@code opt}. Immutable.
 */
record TrtProfile(int min, int opt, int max) {

  /**
   * The profile to build an engine with from the config: min 1, opt the largest preferred batch
   * size not above the maximum (else half the maximum), max {@code max_batch_size} (0 reads as 1).
   */
  static TrtProfile forBuild(int configMaxBatch, List<Integer> preferredBatchSizes) {
    int max = Math.max(1, configMaxBatch);
    int opt = preferredBatchSizes.stream().mapToInt(Integer::intValue).filter(s -> s <= max).max()
        .orElse(Math.max(1, max / 2));
    return new TrtProfile(1, opt, max);
  }

  /**
   * The profile an engine was built with, read from its batch axis; a static batch axis of 1 is
   * the profile (1, 1, 1).
   *
   * @throws EncoderException when batches of one cannot run (a minimum above 1, a static batch above 1)
   */
  static TrtProfile ofEngine(String label, String input, long min, long opt, long max) throws EncoderException {
    if (min != 1) {
      throw new EncoderException(label + ": the engine's input '" + input + "' takes batches of " + min + " to "
          + max + " only; clipserve needs batches from 1: rebuild it with a profile whose minimum batch is 1,"
          + " e.g. trtexec --minShapes=" + input + ":1x... or give clipserve the .onnx file to build from");
    }
    return new TrtProfile(1, (int) Math.min(opt, Integer.MAX_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
  }

  /** Largest batch one run takes: the config's limit ({@code 0} or 1: one), capped by the profile. */
  int maxBatchSize(int configMaxBatch) {
    return Math.max(1, Math.min(configMaxBatch, max));
  }

  /** For file names: {@code b1-16-32}. */
  String tag() {
    return "b" + min + "-" + opt + "-" + max;
  }
}
