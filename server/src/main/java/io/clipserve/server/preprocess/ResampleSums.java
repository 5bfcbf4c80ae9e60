package io.clipserve.server.preprocess;

/**
 * Pillow's fixed-point accumulation for 8-bit resampling: each sum starts at one half
 * ({@code 1 << 21}), adds samples times 22-bit weights, and is shifted back and clipped to uint8.
 * Stateless and thread-safe.
 */
final class ResampleSums {
  /** The starting value of every sum: one half in {@link ResampleCoefficients#PRECISION_BITS} bits. */
  static final int HALF = 1 << (ResampleCoefficients.PRECISION_BITS - 1);

  private ResampleSums() {}

  /** Whole arrays from index 0: the shape HotSpot's superword pass vectorises. */
  static void multiplyAdd(int[] acc, int[] line, int weight) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += line[i] * weight;
    }
  }

  static int clip(int sum) {
    int v = sum >> ResampleCoefficients.PRECISION_BITS;
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
