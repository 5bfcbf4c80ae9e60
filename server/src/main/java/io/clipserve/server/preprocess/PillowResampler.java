package io.clipserve.server.preprocess;

import java.util.Arrays;

/**
 * Pillow's {@code ImagingResample} for 8-bit RGB with the bicubic filter, bit for bit: a
 * horizontal pass into an intermediate image clipped to uint8, then a vertical pass, each
 * accumulating in 22-bit fixed point from one half ({@code 1 << 21}). A pass is skipped when its
 * axis keeps its size, as Pillow does. Only the requested window of the resized image is
 * computed: output pixels are independent, so a centre crop costs only the pixels it keeps, and
 * the horizontal pass covers only the rows the vertical pass reads (Pillow's box bounds).
 * Stateless and thread-safe.
 */
final class PillowResampler {

  private static final int HALF = 1 << (ResampleCoefficients.PRECISION_BITS - 1);

  private PillowResampler() {}

  /**
   * The window ({@code left}, {@code top}, {@code size} x {@code size}) of {@code src} resized to
   * {@code width} x {@code height}.
   */
  static RgbImage resize(RgbImage src, int width, int height, int left, int top, int size) {
    boolean vertical = height != src.height();
    ResampleCoefficients rows =
        vertical ? ResampleCoefficients.of(src.height(), height, top, size) : null;
    int firstRow = vertical ? rows.first()[0] : top;
    int lastRow = vertical ? rows.first()[size - 1] + rows.count()[size - 1] : top + size;
    byte[] band = width != src.width()
        ? horizontal(src, ResampleCoefficients.of(src.width(), width, left, size), firstRow, lastRow)
        : columns(src, left, size, firstRow, lastRow);
    byte[] out = vertical ? vertical(band, rows, size, firstRow) : band;
    return new RgbImage(size, size, out);
  }

  /** Rows [firstRow, lastRow) of the horizontal pass, for the window {@code c} covers. */
  private static byte[] horizontal(
      RgbImage src, ResampleCoefficients c, int firstRow, int lastRow) {
    int size = c.first().length;
    byte[] in = src.pixels();
    int[] first = c.first();
    int[] count = c.count();
    int[] weights = c.weights();
    int taps = c.taps();
    byte[] out = new byte[3 * size * (lastRow - firstRow)];
    int o = 0;
    for (int y = firstRow; y < lastRow; y++) {
      int rowStart = 3 * y * src.width();
      for (int xx = 0; xx < size; xx++) {
        int k = xx * taps;
        int p = rowStart + 3 * first[xx];
        int end = k + count[xx];
        int r = HALF;
        int g = HALF;
        int b = HALF;
        for (; k < end; k++, p += 3) {
          int w = weights[k];
          r += (in[p] & 0xff) * w;
          g += (in[p + 1] & 0xff) * w;
          b += (in[p + 2] & 0xff) * w;
        }
        out[o++] = clip(r);
        out[o++] = clip(g);
        out[o++] = clip(b);
      }
    }
    return out;
  }

  /** Rows [firstRow, lastRow), columns [left, left + size) of {@code src}, unfiltered. */
  private static byte[] columns(RgbImage src, int left, int size, int firstRow, int lastRow) {
    byte[] out = new byte[3 * size * (lastRow - firstRow)];
    for (int y = firstRow; y < lastRow; y++) {
      System.arraycopy(src.pixels(), 3 * (y * src.width() + left), out,
          3 * size * (y - firstRow), 3 * size);
    }
    return out;
  }

  /**
   * The window's output rows from the horizontal pass, whose row 0 is source row
   * {@code firstRow}. Sums run row by row over contiguous memory; integer addition is
   * associative, so the result is Pillow's.
   */
  private static byte[] vertical(
      byte[] band, ResampleCoefficients c, int size, int firstRow) {
    int rowLength = 3 * size;
    int[] weights = c.weights();
    int[] sums = new int[rowLength];
    byte[] out = new byte[rowLength * size];
    for (int yy = 0; yy < size; yy++) {
      int k = yy * c.taps();
      int row = (c.first()[yy] - firstRow) * rowLength;
      Arrays.fill(sums, HALF);
      for (int n = c.count()[yy]; n > 0; n--, k++, row += rowLength) {
        int w = weights[k];
        for (int x = 0; x < rowLength; x++) {
          sums[x] += (band[row + x] & 0xff) * w;
        }
      }
      for (int x = 0, o = yy * rowLength; x < rowLength; x++) {
        out[o + x] = clip(sums[x]);
      }
    }
    return out;
  }

  private static byte clip(int sum) {
    int v = sum >> ResampleCoefficients.PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }
}
