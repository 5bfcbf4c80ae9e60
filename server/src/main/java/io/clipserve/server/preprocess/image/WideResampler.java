package io.clipserve.server.preprocess.image;

/**
 * Pillow's bicubic resize of 32-bit mode "I" images (libImaging/Resample.c, the {@code _32bpc}
 * passes): each pass sums {@code value * weight} in double over the normalised weights in order
 * and rounds half up to an int, with no clipping between the passes. A pass is skipped when its
 * axis keeps its size. Computed for the window kept only. Stateless and thread-safe.
 */
final class WideResampler {

  private WideResampler() {}

  /** The window {@code plan} keeps of {@code src} resized: one value per pixel. */
  static int[] resize(ModeImage src, ResizePlan plan) {
    int size = plan.size();
    boolean vertical = plan.height() != src.height();
    ResampleCoefficients rows =
        vertical ? ResampleCoefficients.of(src.height(), plan.height(), plan.top(), size) : null;
    int firstRow = vertical ? rows.first()[0] : plan.top();
    int rowCount = vertical ? rows.first()[size - 1] + rows.count()[size - 1] - firstRow : size;
    ResampleCoefficients columns = plan.width() == src.width()
        ? null : ResampleCoefficients.of(src.width(), plan.width(), plan.left(), size);
    int[] band = new int[rowCount * size];
    for (int y = 0; y < rowCount; y++) {
      int base = (firstRow + y) * src.width();
      for (int x = 0; x < size; x++) {
        band[y * size + x] = columns == null
            ? src.wide()[base + plan.left() + x]
            : sum(src.wide(), base, 1, columns, x);
      }
    }
    if (!vertical) {
      return band;
    }
    int[] out = new int[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        out[y * size + x] = sum(band, x - firstRow * size, size, rows, y);
      }
    }
    return out;
  }

  /** Output pixel {@code i} of the pass {@code c} over values {@code base + k * stride}. */
  private static int sum(int[] values, int base, int stride, ResampleCoefficients c, int i) {
    double sum = 0.0;
    int k = i * c.taps();
    for (int t = 0; t < c.count()[i]; t++) {
      sum += values[base + (c.first()[i] + t) * stride] * c.normalized()[k + t];
    }
    return (int) (sum >= 0.0 ? sum + 0.5f : sum - 0.5f); // Pillow's ROUND_UP
  }
}
