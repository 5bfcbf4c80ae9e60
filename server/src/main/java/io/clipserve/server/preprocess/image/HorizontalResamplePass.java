package io.clipserve.server.preprocess.image;

import static io.clipserve.server.preprocess.image.ResampleSums.clip;

/**
 * The horizontal pass of {@link PillowResampler}, clipped to uint8 as Pillow's intermediate image
 * is. It runs over columns of strips of rows, transposed in cache, so that every inner loop is
 * {@code acc[i] += line[i] * w} over whole int arrays. Stateless and thread-safe.
 */
final class HorizontalResamplePass {
  /** Rows transposed at a time: their columns stay in cache while filtered. */
  private static final int STRIP = 64;

  private HorizontalResamplePass() {}

  /** Rows [firstRow, lastRow) of the horizontal pass, clipped, for the window {@code c} covers. */
  static int[][] run(ModeImage src, ResampleCoefficients c, int firstRow, int lastRow) {
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
        ResampleSums.sum(acc, columns, firstColumn, c, xx);
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
}
