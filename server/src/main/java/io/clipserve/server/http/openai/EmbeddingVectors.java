package io.clipserve.server.http.openai;

import io.clipserve.server.ServingException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Pure functions on one embedding: OpenAI's {@code dimensions} (the first {@code n} values,
 * L2-renormalised; meaningful for Matryoshka-trained models only) and its {@code base64}
 * encoding (little-endian float32 bytes). Stateless.
 */
final class EmbeddingVectors {
  private EmbeddingVectors() {}

  /**
   * The first {@code dimensions} values, scaled to unit L2 norm (a zero vector stays zero).
   *
   * @throws ServingException INVALID_ARGUMENT when {@code dimensions} is not in 1..size
   */
  static float[] truncate(List<Float> values, int dimensions) {
    if (dimensions < 1 || dimensions > values.size()) {
      throw ServingException.invalidArgument("dimensions = " + dimensions + "; the model's"
          + " embeddings have " + values.size() + ", so it must be 1 to " + values.size());
    }
    float[] out = new float[dimensions];
    double sum = 0;
    for (int i = 0; i < dimensions; i++) {
      out[i] = values.get(i);
      sum += (double) out[i] * out[i];
    }
    double norm = Math.sqrt(sum);
    if (norm > 0) {
      for (int i = 0; i < dimensions; i++) {
        out[i] = (float) (out[i] / norm);
      }
    }
    return out;
  }

  static float[] all(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  /** The values as little-endian float32 bytes in base64, as OpenAI's {@code base64} format. */
  static String base64(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
