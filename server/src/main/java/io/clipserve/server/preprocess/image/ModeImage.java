package io.clipserve.server.preprocess.image;

/**
 * A decoded image as Pillow's {@code Image.open} holds it, before any conversion: its mode and
 * samples, row by row. The arrays are owned by whoever holds the image; nothing copies or shares
 * them behind their back.
 *
 * @param mode Pillow's mode
 * @param width pixels per row
 * @param height rows
 * @param samples {@code mode.channels()} interleaved bytes per pixel (indices for P); null for I
 * @param wide one value per pixel for mode I, else null
 * @param palette for P, 256 colours of 3 bytes (R, G, B); else null
 */
record ModeImage(PillowMode mode, int width, int height, byte[] samples, int[] wide,
    byte[] palette) {

  static final int PALETTE_BYTES = 3 * 256;

  ModeImage {
    long pixels = (long) width * height;
    boolean valid = mode == PillowMode.I
        ? wide != null && wide.length == pixels
        : samples != null && samples.length == mode.channels() * pixels;
    if (!valid || (mode == PillowMode.P) != (palette != null)
        || (palette != null && palette.length != PALETTE_BYTES)) {
      throw new IllegalArgumentException("inconsistent " + mode + " image " + width + "x" + height);
    }
  }

  /** An image of 8-bit samples in any mode but P and I. */
  static ModeImage of(PillowMode mode, int width, int height, byte[] samples) {
    return new ModeImage(mode, width, height, samples, null, null);
  }

  static ModeImage palette(int width, int height, byte[] indices, byte[] palette) {
    return new ModeImage(PillowMode.P, width, height, indices, null, palette);
  }

  static ModeImage wide(int width, int height, int[] values) {
    return new ModeImage(PillowMode.I, width, height, null, values, null);
  }

  /** {@code convert('RGB')} of the whole image, unresized. */
  RgbImage toRgb() {
    return new RgbImage(width, height, mode == PillowMode.I
        ? RgbConversion.fromWide(wide)
        : RgbConversion.toRgb(mode, samples, palette));
  }
}
