package io.clipserve.server.preprocess.image;

import java.util.Arrays;

/**
 * Pillow's fixed-point accumulation for 8-bit resampling: each sum starts at one half
 * ({@code 1 << 21}), adds samples times 22-bit weights, and is shifted back and clipped to uint8.
 * Stateless and thread-safe.
 */
final class ResampleSums {
  private static final int HALF = 1 << (ResampleCoefficients.PRECISION_BITS - 1);

  private ResampleSums() {}

  /**
   * Sets {@code acc} to the sums of output pixel {@code i} of {@code c}: one half plus each tap's
   * line times its weight, in tap order. {@code lines[0]} holds input pixel {@code firstLine}.
   */
  static void sum(int[] acc, int[][] lines, int firstLine, ResampleCoefficients c, int i) {
    Arrays.fill(acc, HALF);
    int k = i * c.taps();
    int line = c.first()[i] - firstLine;
    for (int t = 0; t < c.count()[i]; t++) {
      multiplyAdd(acc, lines[line + t], c.weights()[k + t]);
    }
  }

  static int clip(int sum) {
    int v = sum >> ResampleCoefficients.PRECISION_BITS;
    return v < 0 ? 0 : Math.min(v, 255);
  }

  /** Whole arrays from index 0: the shape HotSpot's superword pass vectorises. */
  private static void multiplyAdd(int[] acc, int[] line, int weight) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += line[i] * weight;
    }
  }
}
