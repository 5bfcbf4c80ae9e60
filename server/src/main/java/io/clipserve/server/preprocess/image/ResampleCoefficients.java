package io.clipserve.server.preprocess.image;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Pillow's bicubic resampling weights for one axis (libImaging/Resample.c
 * {@code precompute_coeffs} and {@code normalize_coeffs_8bpc}): the a = -0.5 cubic, its support
 * widened by the reduction factor (antialiasing), normalised per output pixel in double, then
 * rounded away from zero to 22-bit fixed point (the 8-bit passes) or kept in double (the 32-bit
 * passes of mode "I"). Computed for a window of output pixels only (a
 * centre crop of a very elongated image would otherwise need millions); immutable, and small
 * ones are cached.
 *
 * @param taps coefficients per output pixel ({@code ksize}); unused ones are zero
 * @param first first input pixel of each output pixel of the window
 * @param count input pixels each output pixel reads
 * @param weights {@code taps} fixed-point weights per output pixel
 * @param normalized the same weights in double, before rounding to fixed point
 */
record ResampleCoefficients(int taps, int[] first, int[] count, int[] weights,
    double[] normalized) {

  /** Fixed-point fraction bits: 32 bits less 8 for the result and 2 for overshoot. */
  static final int PRECISION_BITS = 32 - 8 - 2;

  private static final double BICUBIC_SUPPORT = 2.0;
  private static final int CACHE_ENTRIES = 256;
  private static final int CACHED_WEIGHTS_MAX = 16 * 1024;
  private static final ConcurrentHashMap<Window, ResampleCoefficients> CACHE =
      new ConcurrentHashMap<>();

  /** Output pixels [from, from + count) of {@code inSize} pixels resized to {@code outSize}. */
  private record Window(int inSize, int outSize, int from, int count) {}

  /** Weights of output pixels [from, from + count) when {@code inSize} becomes {@code outSize}. */
  static ResampleCoefficients of(int inSize, int outSize, int from, int count) {
    Window window = new Window(inSize, outSize, from, count);
    ResampleCoefficients cached = CACHE.get(window);
    if (cached != null) {
      return cached;
    }
    ResampleCoefficients computed = compute(window);
    if (computed.weights.length <= CACHED_WEIGHTS_MAX) {
      if (CACHE.size() >= CACHE_ENTRIES) {
        CACHE.clear(); // sizes in traffic vary without bound; so must not the cache
      }
      CACHE.put(window, computed);
    }
    return computed;
  }

  private static ResampleCoefficients compute(Window window) {
    int inSize = window.inSize();
    int outSize = window.outSize();
    // Pillow: (double) (in1 - in0) / outSize, with in0 and in1 floats
    double scale = (double) (float) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = BICUBIC_SUPPORT * filterScale;
    int taps = (int) Math.ceil(support) * 2 + 1;
    int[] first = new int[window.count()];
    int[] count = new int[window.count()];
    int[] weights = new int[window.count() * taps];
    double[] normalized = new double[window.count() * taps];
    double[] k = new double[taps];
    for (int i = 0; i < window.count(); i++) {
      int xx = window.from() + i;
      double center = (xx + 0.5) * scale;
      double inverse = 1.0 / filterScale;
      int xmin = Math.max((int) (center - support + 0.5), 0);
      int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
      double sum = 0.0;
      for (int x = 0; x < xmax; x++) {
        k[x] = bicubic((x + xmin - center + 0.5) * inverse);
        sum += k[x];
      }
      for (int x = 0; x < xmax; x++) {
        double w = sum != 0.0 ? k[x] / sum : k[x];
        normalized[i * taps + x] = w;
        weights[i * taps + x] =
            (int) (w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
      }
      first[i] = xmin;
      count[i] = xmax;
    }
    return new ResampleCoefficients(taps, first, count, weights, normalized);
  }

  private static double bicubic(double x) {
    final double a = -0.5;
    if (x < 0.0) {
      x = -x;
    }
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    }
    if (x < 2.0) {
      return (((x - 5) * x + 8) * x - 4) * a;
    }
    return 0.0;
  }
}
