package io.clipserve.server.preprocess.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * ImageIO samples to the samples Pillow 9.4 holds for the same file in the given mode: palette
 * indices and colours for "P" ({@link ImageIoIndices}); otherwise the colour and alpha channels
 * the mode has, where
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
      return ImageIoIndices.of(image);
    }
    byte[] samples = new byte[mode.channels() * width * height];
    draw(image, mode, samples);
    return ModeImage.of(mode, width, height, samples);
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
