package io.clipserve.server.preprocess.image;

/**
 * Turns a JPEG's raw decoded components into the samples Pillow gets from libjpeg-turbo:
 * libjpeg's fixed-point YCbCr tables (jdcolor.c), and for four components Pillow's CMYK, inverted
 * from Adobe's stored samples ({@link RgbConversion} converts it to RGB after resizing).
 * Stateless and thread-safe.
 */
final class JpegColorConversion {

  private static final int SCALE_BITS = 16;
  private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
      CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + ONE_HALF;
    }
  }

  private JpegColorConversion() {}

  /** Converts interleaved Y, Cb, Cr triples to R, G, B in place. */
  static void yccToRgbInPlace(byte[] p) {
    for (int i = 0; i < p.length; i += 3) {
      int y = p[i] & 0xff;
      int cb = p[i + 1] & 0xff;
      int cr = p[i + 2] & 0xff;
      p[i] = clamp(y + CR_R[cr]);
      p[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
      p[i + 2] = clamp(y + CB_B[cb]);
    }
  }

  /**
   * Pillow's CMYK samples (ink amounts) from interleaved four-component samples: Adobe CMYK as
   * stored (inverted, which Pillow's "CMYK;I" raw mode undoes), or YCCK when {@code ycck}.
   */
  static byte[] fourComponentToCmyk(byte[] p, boolean ycck) {
    byte[] cmyk = new byte[p.length];
    for (int i = 0; i < p.length; i += 4) {
      if (ycck) { // libjpeg's YCCK -> CMYK is 255 - RGB, which Pillow's inversion undoes
        int y = p[i] & 0xff;
        int cb = p[i + 1] & 0xff;
        int cr = p[i + 2] & 0xff;
        cmyk[i] = clamp(y + CR_R[cr]);
        cmyk[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
        cmyk[i + 2] = clamp(y + CB_B[cb]);
      } else {
        cmyk[i] = (byte) ~p[i];
        cmyk[i + 1] = (byte) ~p[i + 1];
        cmyk[i + 2] = (byte) ~p[i + 2];
      }
      cmyk[i + 3] = (byte) ~p[i + 3];
    }
    return cmyk;
  }

  private static int fix(double x) {
    return (int) (x * (1 << SCALE_BITS) + 0.5);
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }
}
