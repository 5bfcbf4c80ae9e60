package io.clipserve.server.preprocess.image;

/**
 * Where a GIF's first frame sits: Pillow sizes the image to the logical screen (grown to hold the
 * frame), fills it with the transparent index, or index 0 without one, and decodes the frame
 * into it at its offset. Its mode is "P", or "L" when the frame's palette (its own, else the
 * global one) is absent or the gray ramp {@code i -> (i, i, i)}: the indices are then gray levels.
 *
 * @param screenWidth logical screen width
 * @param screenHeight logical screen height
 * @param left first frame's column offset
 * @param top first frame's row offset
 * @param frameWidth first frame's width
 * @param frameHeight first frame's height
 * @param transparentIndex the palette index marked transparent before the first frame, or -1
 * @param grayRamp whether Pillow opens the first frame in mode "L" rather than "P"
 */
record GifLayout(
    int screenWidth,
    int screenHeight,
    int left,
    int top,
    int frameWidth,
    int frameHeight,
    int transparentIndex,
    boolean grayRamp) {

  int canvasWidth() {
    return Math.max(screenWidth, left + frameWidth);
  }

  int canvasHeight() {
    return Math.max(screenHeight, top + frameHeight);
  }

  /** Walks the blocks up to the first image descriptor. */
  static GifLayout parse(byte[] b) {
    if (b.length < 13) {
      throw truncated();
    }
    int p = 13;
    int flags = b[10] & 0xff;
    boolean globalRamp = true;
    if ((flags & 0x80) != 0) {
      globalRamp = isGrayRamp(b, p, 3 << ((flags & 7) + 1));
      p += 3 << ((flags & 7) + 1); // global colour table
    }
    int transparent = -1;
    while (p < b.length) {
      int block = b[p] & 0xff;
      if (block == 0x2C) {
        if (p + 10 > b.length) {
          throw truncated();
        }
        int local = b[p + 9] & 0xff;
        boolean ramp = (local & 0x80) == 0
            ? globalRamp : isGrayRamp(b, p + 10, 3 << ((local & 7) + 1));
        return new GifLayout(ImageHeaderProbe.u16le(b, 6), ImageHeaderProbe.u16le(b, 8),
            ImageHeaderProbe.u16le(b, p + 1), ImageHeaderProbe.u16le(b, p + 3),
            ImageHeaderProbe.u16le(b, p + 5), ImageHeaderProbe.u16le(b, p + 7), transparent,
            ramp);
      }
      if (block != 0x21 || p + 2 >= b.length) {
        throw new InvalidImageException("the GIF is corrupt or has no image before its end");
      }
      p += 2;
      if ((b[p - 1] & 0xff) == 0xF9 && p + 4 < b.length && (b[p] & 0xff) >= 4) {
        transparent = (b[p + 1] & 1) != 0 ? b[p + 4] & 0xff : -1; // graphic control extension
      }
      while (p < b.length && b[p] != 0) {
        p += (b[p] & 0xff) + 1; // data sub-blocks
      }
      p++;
    }
    throw truncated();
  }

  /** Pillow's {@code not _is_palette_needed}: entry i is (i, i, i) for every i present. */
  private static boolean isGrayRamp(byte[] b, int at, int length) {
    int end = Math.min(at + length, b.length);
    for (int i = at; i + 2 < end; i += 3) {
      int index = (i - at) / 3;
      if ((b[i] & 0xff) != index || (b[i + 1] & 0xff) != index || (b[i + 2] & 0xff) != index) {
        return false;
      }
    }
    return true;
  }

  private static InvalidImageException truncated() {
    return new InvalidImageException("the GIF is truncated: it ends before its first frame");
  }
}
