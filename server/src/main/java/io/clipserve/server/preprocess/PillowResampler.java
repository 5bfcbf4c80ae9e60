package io.clipserve.server.preprocess;

import java.util.Arrays;

/**
 * Pillow's {@code ImagingResample} for 8-bit images (1 to 4 bands) with the bicubic filter, bit
 * for bit: a
 * horizontal pass into an intermediate image clipped to uint8, then a vertical pass, each
 * accumulating in 22-bit fixed point from one half ({@code 1 << 21}). A pass is skipped when its
 * axis keeps its size, as Pillow does. Only the requested window of the resized image is
 * computed: output pixels are independent, so a centre crop costs only the pixels it keeps, and
 * the horizontal pass covers only the rows the vertical pass reads (Pillow's box bounds).
 *
 * <p>Sums are the same integers as Pillow's, taken in another order (integer addition is
 * associative), so that every inner loop is {@code acc[i] += line[i] * w} over whole int arrays,
 * which HotSpot vectorises: the vertical pass runs over rows; the horizontal pass over columns
 * of strips of rows, transposed in cache. Stateless and thread-safe.
 */
final class PillowResampler {

  private static final int HALF = 1 << (ResampleCoefficients.PRECISION_BITS - 1);
  /** Rows transposed at a time: their columns stay in cache while filtered. */
  private static final int STRIP = 64;

  private PillowResampler() {}

  /**
   * The window {@code plan} keeps of {@code src} resized as it says: {@code plan.size()} squared
   * pixels of the same interleaved samples.
   */
  static byte[] resize(ModeImage src, ResizePlan plan) {
    int size = plan.size();
    boolean vertical = plan.height() != src.height();
    ResampleCoefficients rows =
        vertical ? ResampleCoefficients.of(src.height(), plan.height(), plan.top(), size) : null;
    int firstRow = vertical ? rows.first()[0] : plan.top();
    int lastRow = vertical ? rows.first()[size - 1] + rows.count()[size - 1] : plan.top() + size;
    int[][] band = plan.width() == src.width()
        ? columns(src, plan.left(), size, firstRow, lastRow)
        : horizontal(src, ResampleCoefficients.of(src.width(), plan.width(), plan.left(), size),
            firstRow, lastRow);
    return vertical ? vertical(band, rows, firstRow) : bytes(band);
  }

  /** Rows [firstRow, lastRow) of the horizontal pass, clipped, for the window {@code c} covers. */
  private static int[][] horizontal(
      ModeImage src, ResampleCoefficients c, int firstRow, int lastRow) {
    int n = src.mode().channels();
    int size = c.count().length;
    int firstColumn = c.first()[0];
    int columnCount = c.first()[size - 1] + c.count()[size - 1] - firstColumn;
    int[][] out = new int[lastRow - firstRow][n * size];
    int[][] columns = new int[columnCount][];
    for (int y0 = firstRow; y0 < lastRow; y0 += STRIP) {
      int rows = Math.min(STRIP, lastRow - y0);
      transposeStrip(src, y0, rows, firstColumn, columns);
      int[] acc = new int[n * rows];
      for (int xx = 0; xx < size; xx++) {
        Arrays.fill(acc, HALF);
        int k = xx * c.taps();
        int column = c.first()[xx] - firstColumn;
        for (int t = 0; t < c.count()[xx]; t++) {
          multiplyAdd(acc, columns[column + t], c.weights()[k + t]);
        }
        for (int j = 0; j < rows; j++) {
          int[] row = out[y0 - firstRow + j];
          for (int b = 0; b < n; b++) {
            row[n * xx + b] = clip(acc[n * j + b]);
          }
        }
      }
    }
    return out;
  }

  /** Columns from {@code firstColumn} of rows [y0, y0 + rows): the samples of each row in turn. */
  private static void transposeStrip(
      ModeImage src, int y0, int rows, int firstColumn, int[][] columns) {
    byte[] in = src.samples();
    int n = src.mode().channels();
    int stride = n * src.width();
    for (int x = 0; x < columns.length; x++) {
      if (columns[x] == null || columns[x].length != n * rows) {
        columns[x] = new int[n * rows];
      }
      int[] column = columns[x];
      if (n == 3) { // the common case, unrolled
        int p = y0 * stride + 3 * (firstColumn + x);
        for (int j = 0; j < 3 * rows; j += 3, p += stride) {
          column[j] = in[p] & 0xff;
          column[j + 1] = in[p + 1] & 0xff;
          column[j + 2] = in[p + 2] & 0xff;
        }
        continue;
      }
      for (int j = 0, p = y0 * stride + n * (firstColumn + x); j < n * rows; j += n, p += stride) {
        for (int b = 0; b < n; b++) {
          column[j + b] = in[p + b] & 0xff;
        }
      }
    }
  }

  /** Rows [firstRow, lastRow), columns [left, left + size) of {@code src}, unfiltered. */
  private static int[][] columns(ModeImage src, int left, int size, int firstRow, int lastRow) {
    int n = src.mode().channels();
    int[][] out = new int[lastRow - firstRow][n * size];
    for (int y = firstRow; y < lastRow; y++) {
      int[] row = out[y - firstRow];
      for (int i = 0, p = n * (y * src.width() + left); i < row.length; i++, p++) {
        row[i] = src.samples()[p] & 0xff;
      }
    }
    return out;
  }

  /** The window's output rows from {@code band}, whose row 0 is source row {@code firstRow}. */
  private static byte[] vertical(int[][] band, ResampleCoefficients c, int firstRow) {
    int size = c.count().length;
    int rowLength = band[0].length;
    int[] sums = new int[rowLength];
    byte[] out = new byte[rowLength * size];
    for (int yy = 0; yy < size; yy++) {
      Arrays.fill(sums, HALF);
      int k = yy * c.taps();
      int row = c.first()[yy] - firstRow;
      for (int t = 0; t < c.count()[yy]; t++) {
        multiplyAdd(sums, band[row + t], c.weights()[k + t]);
      }
      for (int x = 0, o = yy * rowLength; x < rowLength; x++) {
        out[o + x] = (byte) clip(sums[x]);
      }
    }
    return out;
  }

  /** Whole arrays from index 0: the shape HotSpot's superword pass vectorises. */
  private static void multiplyAdd(int[] acc, int[] line, int weight) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += line[i] * weight;
    }
  }

  private static byte[] bytes(int[][] rows) {
    int rowLength = rows[0].length;
    byte[] out = new byte[rows.length * rowLength];
    for (int y = 0; y < rows.length; y++) {
      for (int i = 0; i < rowLength; i++) {
        out[y * rowLength + i] = (byte) rows[y][i];
      }
    }
    return out;
  }

  private static int clip(int sum) {
    int v = sum >> ResampleCoefficients.PRECISION_BITS;
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
