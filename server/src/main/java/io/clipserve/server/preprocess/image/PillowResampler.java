package io.clipserve.server.preprocess.image;

import static io.clipserve.server.preprocess.image.ResampleSums.clip;

/**
 * Pillow's {@code ImagingResample} for 8-bit images (1 to 4 bands) with the bicubic filter, bit
 * for bit: a horizontal pass ({@link HorizontalResamplePass}) into an intermediate image clipped
 * to uint8, then a vertical pass, each accumulating in 22-bit fixed point from one half
 * ({@link ResampleSums}). A pass is skipped when its axis keeps its size, as Pillow does. Only
 * the requested window of the resized image is computed: output pixels are independent, so a centre crop costs only the pixels it keeps, and
 * the horizontal pass covers only the rows the vertical pass reads (Pillow's box bounds).
 *
 * <p>Sums are the same integers as Pillow's, taken in another order (integer addition is
 * associative), so that every inner loop is {@code acc[i] += line[i] * w} over whole int arrays,
 * which HotSpot vectorises: the vertical pass runs over rows; the horizontal pass over columns
 * of strips of rows, transposed in cache. Stateless and thread-safe.
 */
final class PillowResampler {
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
        : HorizontalResamplePass.run(src,
            ResampleCoefficients.of(src.width(), plan.width(), plan.left(), size), firstRow, lastRow);
    return vertical ? vertical(band, rows, firstRow) : bytes(band);
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
      ResampleSums.sum(sums, band, firstRow, c, yy);
      for (int x = 0, o = yy * rowLength; x < rowLength; x++) {
        out[o + x] = (byte) clip(sums[x]);
      }
    }
    return out;
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
}
