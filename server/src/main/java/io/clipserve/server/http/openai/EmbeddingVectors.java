package io.clipserve.server.http.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * Pure functions on one embedding: its values as an array, and OpenAI's {@code base64} encoding
 * of them (little-endian float32 bytes). ({@code dimensions} is Embed's own option.) Stateless.
 */
final class EmbeddingVectors {
  private EmbeddingVectors() {}

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
