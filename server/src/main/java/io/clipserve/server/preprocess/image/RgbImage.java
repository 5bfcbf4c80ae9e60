package io.clipserve.server.preprocess.image;

/**
 * 8-bit RGB pixels, row by row, three bytes per pixel (R, G, B). The array is owned by whoever
 * holds the image; nothing copies or shares it behind their back.
 *
 * @param width pixels per row
 * @param height rows
 * @param pixels {@code 3 * width * height} bytes
 */
record RgbImage(int width, int height, byte[] pixels) {

  RgbImage {
    if (pixels.length != 3 * width * height) {
      throw new IllegalArgumentException("expected " + 3 * width * height + " bytes for "
          + width + "x" + height + ", got " + pixels.length);
    }
  }
}
