package io.clipserve.server.preprocess.image;

/**
 * The mode Pillow 9.4's {@code Image.open} gives a PNG, BMP or GIF, read from the file's header
 * as Pillow's plugins decide it (the JDK's colour models do not tell: they add alpha for a PNG
 * transparency chunk and index gray BMPs). Stateless and thread-safe.
 */
final class PillowModeProbe {

  private static final int BMP_BITFIELDS = 3;

  private PillowModeProbe() {}

  static PillowMode of(ImageFormat format, byte[] data, GifLayout gif) {
    return switch (format) {
      case PNG -> png(byteAt(data, 24), byteAt(data, 25));
      case BMP -> bmp(data);
      case GIF -> gif.grayRamp() ? PillowMode.L : PillowMode.P;
      case JPEG -> throw new IllegalArgumentException("JPEG modes come from JpegColorSpace");
    };
  }

  /** PngImagePlugin's {@code _MODES} by bit depth and colour type. */
  private static PillowMode png(int bits, int colorType) {
    return switch (colorType) {
      case 0 -> bits == 1 ? PillowMode.BILEVEL : bits == 16 ? PillowMode.I : PillowMode.L;
      case 2 -> PillowMode.RGB;
      case 3 -> PillowMode.P;
      case 4 -> bits == 16 ? PillowMode.RGBA : PillowMode.LA; // "LA;16B" unpacks to RGBA
      case 6 -> PillowMode.RGBA;
      default -> throw new InvalidImageException("the PNG has an invalid colour type " + colorType);
    };
  }

  /**
   * BmpImagePlugin: palettes whose colours are all gray levels equal to their index (black and
   * white for two colours) become "L" ("1"), other palettes "P"; 32-bit bitfields with an alpha
   * mask (or no masks) "RGBA"; everything else "RGB".
   */
  private static PillowMode bmp(byte[] b) {
    // Unsigned: a fuzzed header size past 2^31 must not wrap the palette offset negative.
    long headerSize = u32(b, 14);
    boolean core = headerSize == 12;
    int bits = (int) (core ? u32(b, 24) & 0xffff : u32(b, 28) & 0xffff);
    if (bits <= 8) {
      long declared = core ? 0 : u32(b, 46);
      long colors = declared != 0 ? declared : 1L << bits;
      return grayPalette(b, 14 + headerSize, core ? 3 : 4, colors)
          ? (colors == 2 ? PillowMode.BILEVEL : PillowMode.L)
          : PillowMode.P;
    }
    if (bits == 32 && !core && u32(b, 30) == BMP_BITFIELDS && headerSize >= 56) {
      boolean noMasks = u32(b, 54) == 0 && u32(b, 58) == 0 && u32(b, 62) == 0;
      return u32(b, 66) != 0 || noMasks ? PillowMode.RGBA : PillowMode.RGB;
    }
    return PillowMode.RGB;
  }

  private static boolean grayPalette(byte[] b, long at, int stride, long colors) {
    if (colors > 256 || at + stride * colors > b.length) {
      return false;
    }
    for (int i = 0; i < colors; i++) {
      int level = colors == 2 ? 255 * i : i;
      int p = (int) (at + stride * i);
      if ((b[p] & 0xff) != level || (b[p + 1] & 0xff) != level || (b[p + 2] & 0xff) != level) {
        return false;
      }
    }
    return true;
  }

  private static int byteAt(byte[] b, int at) {
    if (at >= b.length) {
      throw new InvalidImageException("the image is truncated: its header is incomplete");
    }
    return b[at] & 0xff;
  }

  /** Little-endian, or 0 past the end: the decoder then reports the truncation. */
  private static long u32(byte[] b, int at) {
    return at + 4 > b.length
        ? 0 : ImageHeaderProbe.u16le(b, at) | (long) ImageHeaderProbe.u16le(b, at + 2) << 16;
  }
}
