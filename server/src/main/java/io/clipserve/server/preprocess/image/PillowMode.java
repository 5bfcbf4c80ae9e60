package io.clipserve.server.preprocess.image;

/**
 * The Pillow image modes an opened JPEG, PNG, BMP or GIF can have, with the 8-bit samples each
 * stores per pixel. The mode decides how Pillow's {@code Image.resize} treats the image: "1" and
 * "P" with nearest neighbour whatever the filter asked, "LA" and "RGBA" premultiplied, "I" with
 * 32-bit sums, the others band by band in 8-bit fixed point.
 */
enum PillowMode {
  /** "1": bilevel, stored as 0 or 255. */
  BILEVEL("1", 1),
  L("L", 1),
  /** Palette indices; the colours are in the image's palette. */
  P("P", 1),
  LA("LA", 2),
  RGB("RGB", 3),
  RGBA("RGBA", 4),
  /** Pillow's CMYK (ink amounts, 0 no ink). */
  CMYK("CMYK", 4),
  /** 32-bit integer gray, held in {@link ModeImage#wide()} instead of bytes. */
  I("I", 1);

  private final String pillowName;
  private final int channels;

  PillowMode(String pillowName, int channels) {
    this.pillowName = pillowName;
    this.channels = channels;
  }

  /** The mode's name in Pillow, e.g. "1" or "RGBA". */
  String pillowName() {
    return pillowName;
  }

  /** 8-bit samples per pixel. */
  int channels() {
    return channels;
  }

  /** Whether {@code Image.resize} ignores the filter asked and uses nearest neighbour. */
  boolean resizesNearest() {
    return this == BILEVEL || this == P;
  }

  /** Whether {@code Image.resize} resizes premultiplied ("La", "RGBa") and converts back. */
  boolean resizesPremultiplied() {
    return this == LA || this == RGBA;
  }
}
