package io.clipserve.server.preprocess.image;

import java.nio.FloatBuffer;

/**
 * Writes RGB pixels as a normalised channel-major (CHW) float tensor: all R, then all G, then all
 * B, each {@code (v / 255 - mean) / std} in float arithmetic as torchvision's {@code ToTensor}
 * and {@code Normalize} compute it (precomputed per level). Immutable and thread-safe.
 */
final class TensorWriter {

  private final float[][] levels = new float[3][256];

  TensorWriter(float[] mean, float[] std) {
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        levels[c][v] = ((float) v / 255f - mean[c]) / std[c];
      }
    }
  }

  /** Puts {@code 3 * width * height} floats at {@code dst}'s position, advancing it. */
  void write(RgbImage image, FloatBuffer dst) {
    byte[] pixels = image.pixels();
    int width = image.width();
    float[] row = new float[width];
    for (int c = 0; c < 3; c++) {
      float[] level = levels[c];
      for (int y = 0; y < image.height(); y++) {
        for (int x = 0, p = 3 * y * width + c; x < width; x++, p += 3) {
          row[x] = level[pixels[p] & 0xff];
        }
        dst.put(row, 0, width);
      }
    }
  }
}
