package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.EncoderException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Element conversions between what callers hold and what an engine's tensors take: int64 token ids
 * narrowed to int32 (checked), and IEEE 754 half floats widened to float32 (exact). Stateless.
 */
final class TrtConversions {
  private TrtConversions() {}

  /** The float32 value of one IEEE 754 binary16; exact for every input, NaN payloads kept. */
  static float halfToFloat(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // Zero or subnormal: mantissa × 2^-24, exact in float32.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  /** Widens {@code count} halves from {@code source} (from its position) into {@code target}. */
  static void halfsToFloats(ShortBuffer source, float[] target, int count) {
    for (int i = 0; i < count; i++) {
      target[i] = halfToFloat(source.get(source.position() + i));
    }
  }

  /**
   * Narrows {@code count} int64 ids to int32, as Chinese-CLIP's own TensorRT conversion does.
   *
   * @throws EncoderException naming the tensor when an id does not fit in 32 bits
   */
  static void narrowIds(LongBuffer source, IntBuffer target, int count, String tensor) throws EncoderException {
    for (int i = 0; i < count; i++) {
      long id = source.get(source.position() + i);
      if (id != (int) id) {
        throw new EncoderException("input '" + tensor + "' element " + i + " is " + id
            + ", which does not fit the engine's int32 tensor");
      }
      target.put(target.position() + i, (int) id);
    }
  }
}
