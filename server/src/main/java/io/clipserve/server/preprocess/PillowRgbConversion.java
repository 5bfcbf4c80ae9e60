package io.clipserve.server.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * ImageIO samples to RGB as Pillow 9.4's {@code convert('RGB')} sees the same file: palette
 * colours with the palette's alpha ignored, alpha channels dropped (not composited), gray
 * replicated, samples under 8 bits scaled as {@code v * 255 / max} (truncated), 16-bit samples
 * reduced to their high byte, except single-band 16-bit gray, which Pillow opens as mode "I" and
 * clips to 255. Reads whole rows per band, never pixel by pixel. Stateless and thread-safe.
 */
final class PillowRgbConversion {

  private PillowRgbConversion() {}

  static RgbImage toRgb(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] rgb = new byte[3 * width * height];
    draw(image, rgb, width, 0, 0);
    return new RgbImage(width, height, rgb);
  }

  /** A GIF frame on Pillow's canvas, the rest filled with the transparent index, or index 0. */
  static RgbImage onCanvas(BufferedImage frame, GifLayout layout) {
    int width = layout.canvasWidth();
    int height = layout.canvasHeight();
    byte[] rgb = new byte[3 * width * height];
    if (frame.getColorModel() instanceof IndexColorModel palette) {
      int fill = Math.max(layout.transparentIndex(), 0);
      int argb = fill < palette.getMapSize() ? palette.getRGB(fill) : 0;
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = (byte) (argb >> 16);
        rgb[i + 1] = (byte) (argb >> 8);
        rgb[i + 2] = (byte) argb;
      }
    }
    draw(frame, rgb, width, layout.left(), layout.top());
    return new RgbImage(width, height, rgb);
  }

  /** Writes {@code image} into {@code rgb} (rows of {@code stride} pixels) at (left, top). */
  private static void draw(BufferedImage image, byte[] rgb, int stride, int left, int top) {
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    int width = image.getWidth();
    int[] row = new int[width];
    byte[][] lookup = lookupTables(model, raster.getNumBands());
    for (int y = 0; y < image.getHeight(); y++) {
      int base = 3 * ((top + y) * stride + left);
      for (int c = 0; c < 3; c++) {
        int band = model instanceof IndexColorModel || model.getNumColorComponents() == 1 ? 0 : c;
        raster.getSamples(0, y, width, 1, band, row);
        byte[] table = lookup[model instanceof IndexColorModel ? c : band];
        for (int x = 0, o = base + c; x < width; x++, o += 3) {
          int v = row[x];
          rgb[o] = v < table.length ? table[v] : 0;
        }
      }
    }
  }

  /** Per colour component (palette) or per band (samples): sample value to 8-bit level. */
  private static byte[][] lookupTables(ColorModel model, int bands) {
    if (model instanceof IndexColorModel palette) {
      byte[][] tables = new byte[3][palette.getMapSize()];
      palette.getReds(tables[0]);
      palette.getGreens(tables[1]);
      palette.getBlues(tables[2]);
      return tables;
    }
    boolean pillowModeI = model.getNumColorComponents() == 1 && bands == 1;
    byte[][] tables = new byte[bands][];
    for (int band = 0; band < bands; band++) {
      int bits = model.getComponentSize(band);
      if (bits > 16) {
        throw new InvalidImageException("unsupported image with " + bits + "-bit samples");
      }
      int max = (1 << bits) - 1;
      tables[band] = new byte[max + 1];
      for (int v = 0; v <= max; v++) {
        int level;
        if (bits == 16) {
          level = pillowModeI ? Math.min(v, 255) : v >> 8;
        } else if (bits == 8) {
          level = v;
        } else {
          level = v * 255 / max;
        }
        tables[band][v] = (byte) level;
      }
    }
    return tables;
  }
}
