package io.clipserve.server.preprocess.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * ImageIO palette images as Pillow holds them: the indices, and the palette as 256 RGB colours
 * (its alpha ignored, as {@code convert('RGB')} ignores it). GIF frames go on the canvas Pillow
 * builds. Stateless and thread-safe.
 */
final class ImageIoIndices {

  private ImageIoIndices() {}

  /** A palette image in mode "P". */
  static ModeImage of(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    byte[] indices = new byte[width * height];
    drawIndices(image, indices, width, 0, 0);
    return ModeImage.palette(width, height, indices, palette(image));
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
}
