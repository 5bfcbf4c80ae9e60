package io.clipserve.server.inference;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.server.ServingException;
import java.util.Arrays;

/**
 * Embed's output options: {@code dimensions} (keep the first values, then L2-normalise again
 * unless raw) and {@code element_type} (FLOAT32 as {@code values}; FLOAT16, INT8 or UBINARY
 * packed into {@code packed}). Pure and immutable; any thread.
 *
 * @param dimensions the values kept, 1 to the model's embedding dimension
 * @param normalize whether a shortened vector is L2-normalised again
 */
record OutputFormat(int dimensions, boolean normalize, EmbedRequest.ElementType elementType) {

  /**
   * The request's options, checked against the model's {@code embeddingDim}.
   *
   * @throws ServingException INVALID_ARGUMENT for dimensions out of range or an unknown type
   */
  static OutputFormat of(EmbedRequest request, int embeddingDim) {
    int dimensions = request.getDimensions();
    if (dimensions < 0 || dimensions > embeddingDim) {
      throw ServingException.invalidArgument("dimensions is " + dimensions
          + "; it must be 0 (all) to the model's embedding_dim = " + embeddingDim);
    }
    if (request.getElementType() == EmbedRequest.ElementType.UNRECOGNIZED) {
      throw ServingException.invalidArgument("element_type " + request.getElementTypeValue()
          + " is unknown; FLOAT32, FLOAT16, INT8 or UBINARY");
    }
    return new OutputFormat(dimensions == 0 ? embeddingDim : dimensions, !request.getRaw(),
        request.getElementType());
  }

  /** Sets {@code vector}, shortened and packed as asked, on {@code embedding}. */
  void write(float[] vector, Embedding.Builder embedding) {
    float[] kept = shorten(vector);
    switch (elementType) {
      case FLOAT16 -> embedding.setPacked(ByteString.copyFrom(float16(kept)));
      case INT8 -> embedding.setPacked(ByteString.copyFrom(int8(kept)));
      case UBINARY -> embedding.setPacked(ByteString.copyFrom(ubinary(kept)));
      default -> {
        for (float value : kept) {
          embedding.addValues(value);
        }
      }
    }
  }

  float[] shorten(float[] vector) {
    if (dimensions >= vector.length) {
      return vector;
    }
    float[] kept = Arrays.copyOf(vector, dimensions);
    return normalize ? Vectors.normalize(kept) : kept;
  }

  /** IEEE 754 binary16, 2 bytes each, little-endian. */
  static byte[] float16(float[] values) {
    byte[] packed = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      short half = toHalf(values[i]);
      packed[2 * i] = (byte) half;
      packed[2 * i + 1] = (byte) (half >>> 8);
    }
    return packed;
  }

  /** {@code rint(127 * v / max|v|)} each (ties to even); a zero vector stays zero. */
  static byte[] int8(float[] values) {
    float max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    byte[] packed = new byte[values.length];
    if (max > 0) {
      for (int i = 0; i < values.length; i++) {
        packed[i] = (byte) Math.rint(127f * values[i] / max);
      }
    }
    return packed;
  }

  /** One bit per value, 1 where it is > 0; the first value in the most significant bit. */
  static byte[] ubinary(float[] values) {
    byte[] packed = new byte[(values.length + 7) / 8];
    for (int i = 0; i < values.length; i++) {
      if (values[i] > 0) {
        packed[i >>> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    return packed;
  }

  /** Round to nearest, ties to even; overflow to infinity; NaN stays NaN. */
  static short toHalf(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int exponent = (bits >>> 23) & 0xff;
    int mantissa = bits & 0x7fffff;
    if (exponent == 0xff) {
      return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
    }
    int halfExponent = exponent - 127 + 15;
    if (halfExponent >= 0x1f) {
      return (short) (sign | 0x7c00);
    }
    if (halfExponent <= 0) {
      if (halfExponent < -10) {
        return (short) sign;
      }
      // Subnormal: the implicit bit made explicit, shifted to units of 2^-24.
      return (short) (sign | roundShift(mantissa | 0x800000, 14 - halfExponent));
    }
    // A carry out of the mantissa rightly bumps the exponent (up to infinity).
    return (short) (sign | roundShift((halfExponent << 23) | mantissa, 13));
  }

  private static int roundShift(int value, int shift) {
    int kept = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int half = 1 << (shift - 1);
    return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
  }
}
