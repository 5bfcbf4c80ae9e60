package io.clipserve.server.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * ImageIO samples to the samples Pillow 9.4 holds for the same file in the given mode: palette
 * indices and colours for "P"; otherwise the colour and alpha channels the mode has, where
 * samples under 8 bits scale as {@code v * 255 / max} (truncated), 16-bit samples reduce to their
 * high byte, palette colours are looked up, and a mode's alpha is 255 where the file has none;
 * mode "I" keeps 16-bit gray as is. Reads whole rows per band, never pixel by pixel. Stateless
 * and thread-safe.
 */
final class ImageIoSamples {

  /** Source of a channel that the file lacks: an opaque alpha. */
  private static final int OPAQUE = -1;

  private ImageIoSamples() {}

  static ModeImage of(BufferedImage image, PillowMode mode) {
    int width = image.getWidth();
    int height = image.getHeight();
    if (mode == PillowMode.I) {
      int[] values = new int[width * height];
      image.getRaster().getSamples(0, 0, width, height, 0, values);
      return ModeImage.wide(width, height, values);
    }
    if (mode == PillowMode.P) {
      byte[] indices = new byte[width * height];
      drawIndices(image, indices, width, 0, 0);
      return ModeImage.palette(width, height, indices, palette(image));
    }
    byte[] samples = new byte[mode.channels() * width * height];
    draw(image, mode, samples);
    return ModeImage.of(mode, width, height, samples);
  }

  /**
   * A GIF's first frame on Pillow's canvas (mode "P", or "L" whose indices are the gray levels),
   * the rest filled with the transparent index, or index 0.
   */
  static ModeImage onCanvas(BufferedImage frame, PillowMode mode, GifLayout layout) {
    int width = layout.canvasWidth();
    int height = layout.canvasHeight();
    byte[] indices = new byte[width * height];
    Arrays.fill(indices, (byte) Math.max(layout.transparentIndex(), 0));
    drawIndices(frame, indices, width, layout.left(), layout.top());
    return mode == PillowMode.P
        ? ModeImage.palette(width, height, indices, palette(frame))
        : ModeImage.of(mode, width, height, indices);
  }

  /** Writes band 0 of {@code image} into {@code out} (rows of {@code stride}) at (left, top). */
  private static void drawIndices(BufferedImage image, byte[] out, int stride, int left, int top) {
    int[] row = new int[image.getWidth()];
    for (int y = 0; y < image.getHeight(); y++) {
      image.getRaster().getSamples(0, y, row.length, 1, 0, row);
      for (int x = 0, o = (top + y) * stride + left; x < row.length; x++, o++) {
        out[o] = (byte) row[x];
      }
    }
  }

  private static byte[] palette(BufferedImage image) {
    if (!(image.getColorModel() instanceof IndexColorModel model)) {
      throw new InvalidImageException("unsupported palette image without a colour table");
    }
    int size = Math.min(model.getMapSize(), 256);
    byte[] palette = new byte[ModeImage.PALETTE_BYTES];
    for (int i = 0; i < size; i++) {
      int rgb = model.getRGB(i);
      palette[3 * i] = (byte) (rgb >> 16);
      palette[3 * i + 1] = (byte) (rgb >> 8);
      palette[3 * i + 2] = (byte) rgb;
    }
    return palette;
  }

  /** Every channel of {@code mode}, from the band or palette component that feeds it. */
  private static void draw(BufferedImage image, PillowMode mode, byte[] out) {
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    boolean indexed = model instanceof IndexColorModel;
    int[] sources = sources(model, mode);
    byte[][] lookup = lookupTables(model, raster.getNumBands());
    int n = mode.channels();
    int width = image.getWidth();
    int[] row = new int[width];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int c = 0; c < n; c++) {
        int o = y * width * n + c;
        if (sources[c] == OPAQUE) {
          for (int x = 0; x < width; x++, o += n) {
            out[o] = (byte) 255;
          }
          continue;
        }
        raster.getSamples(0, y, width, 1, indexed ? 0 : sources[c], row);
        byte[] table = lookup[sources[c]];
        for (int x = 0; x < width; x++, o += n) {
          int v = row[x];
          out[o] = v < table.length ? table[v] : 0;
        }
      }
    }
  }

  /**
   * Per channel of {@code mode}: the band (or, for a palette, the colour component: R, G, B, A)
   * that feeds it, or {@link #OPAQUE}.
   */
  private static int[] sources(ColorModel model, PillowMode mode) {
    boolean gray = !(model instanceof IndexColorModel) && model.getNumColorComponents() == 1;
    int alpha = model.hasAlpha() ? model.getNumComponents() - 1 : OPAQUE;
    if (model instanceof IndexColorModel) {
      alpha = 3;
    }
    int green = gray ? 0 : 1;
    int blue = gray ? 0 : 2;
    return switch (mode) {
      case BILEVEL, L -> new int[] {0};
      case LA -> new int[] {0, alpha};
      case RGB -> new int[] {0, green, blue};
      case RGBA -> new int[] {0, green, blue, alpha};
      default -> throw new IllegalArgumentException("no ImageIO samples for mode " + mode);
    };
  }

  /** Per colour component (palette: R, G, B, A) or per band: sample value to 8-bit level. */
  private static byte[][] lookupTables(ColorModel model, int bands) {
    if (model instanceof IndexColorModel palette) {
      byte[][] tables = new byte[4][palette.getMapSize()];
      palette.getReds(tables[0]);
      palette.getGreens(tables[1]);
      palette.getBlues(tables[2]);
      palette.getAlphas(tables[3]);
      return tables;
    }
    byte[][] tables = new byte[bands][];
    for (int band = 0; band < bands; band++) {
      int bits = model.getComponentSize(band);
      if (bits > 16) {
        throw new InvalidImageException("unsupported image with " + bits + "-bit samples");
      }
      int max = (1 << bits) - 1;
      tables[band] = new byte[max + 1];
      for (int v = 0; v <= max; v++) {
        int level = bits == 16 ? v >> 8 : bits == 8 ? v : v * 255 / max;
        tables[band][v] = (byte) level;
      }
    }
    return tables;
  }
}
