package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.EncoderException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Moves rows between the callers' buffers and an execution's pinned staging buffers, converting
 * element types on the way ({@link TrtBinding.Conversion}). Pure Java over byte buffers, no CUDA.
 * Stateless apart from the label its messages carry; thread-safe.
 */
final class TrtStaging {
  private final String label;

  TrtStaging(String label) {
    this.label = label;
  }

  /** Writes the first {@code batch} rows of {@code source} (native order) into {@code pinned}, as the engine takes them. */
  void stageInput(TrtBinding binding, ByteBuffer source, ByteBuffer pinned, int batch) throws EncoderException {
    int elements = batch * binding.rowElements();
    ByteBuffer from = source.duplicate().order(ByteOrder.nativeOrder()).clear();
    ByteBuffer to = pinned.duplicate().order(ByteOrder.nativeOrder()).clear();
    switch (binding.conversion()) {
      case COPY -> to.put(from.limit((int) binding.engineBytes(batch)));
      case INT64_TO_INT32 -> {
        try {
          TrtConversions.narrowIds(from.asLongBuffer(), to.asIntBuffer(), elements, binding.name());
        } catch (EncoderException e) {
          throw new EncoderException(label + ": " + e.getMessage(), e);
        }
      }
      case HALF_TO_FLOAT -> throw new IllegalArgumentException(binding.name() + " is an output");
    }
  }

  /** The output's first {@code batch} rows from {@code pinned}, as float32. */
  float[] readOutput(TrtBinding binding, ByteBuffer pinned, int batch) {
    float[] out = new float[batch * binding.rowElements()];
    ByteBuffer from = pinned.duplicate().order(ByteOrder.nativeOrder()).clear();
    switch (binding.conversion()) {
      case COPY -> from.asFloatBuffer().get(out);
      case HALF_TO_FLOAT -> TrtConversions.halfsToFloats(from.asShortBuffer(), out, out.length);
      case INT64_TO_INT32 -> throw new IllegalArgumentException(binding.name() + " is an input");
    }
    return out;
  }

  /** The shape TensorRT computed for the output must be {@code [batch, ..., rowElements]}. */
  void checkOutputShape(TrtBinding output, long[] shape, int batch) throws EncoderException {
    long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (shape.length == 0 || shape[0] != batch || elements != (long) batch * output.rowElements()) {
      throw new EncoderException(label + ": output '" + output.name() + "' has shape " + Arrays.toString(shape)
          + " for a batch of " + batch + ", expected [" + batch + ", " + output.rowElements() + "]");
    }
  }
}
