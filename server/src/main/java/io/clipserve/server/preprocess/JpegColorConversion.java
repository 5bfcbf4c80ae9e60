package io.clipserve.server.preprocess;

/**
 * Turns a JPEG's raw decoded components into RGB exactly as Pillow gets them from libjpeg-turbo:
 * libjpeg's fixed-point YCbCr tables (jdcolor.c), and for four components Pillow's inverted
 * Adobe CMYK followed by its {@code convert('RGB')} ({@code R = (255 - K) - C(255 - K)/255}, with
 * Pillow's rounding). Stateless and thread-safe.
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
   * Converts interleaved four-component samples to RGB: Adobe CMYK as stored (inverted), or YCCK
   * when {@code ycck}.
   */
  static byte[] fourComponentToRgb(byte[] p, boolean ycck) {
    byte[] rgb = new byte[p.length / 4 * 3];
    for (int i = 0, o = 0; i < p.length; i += 4, o += 3) {
      int a = p[i] & 0xff;
      int b = p[i + 1] & 0xff;
      int c = p[i + 2] & 0xff;
      int notK = p[i + 3] & 0xff; // Pillow's 255 - K: the stored Adobe sample
      int cyan;
      int magenta;
      int yellow;
      if (ycck) { // libjpeg's YCCK -> CMYK is 255 - RGB, which Pillow's inversion undoes
        cyan = clamp(a + CR_R[c]) & 0xff;
        magenta = clamp(a + ((CB_G[b] + CR_G[c]) >> SCALE_BITS)) & 0xff;
        yellow = clamp(a + CB_B[b]) & 0xff;
      } else {
        cyan = 255 - a;
        magenta = 255 - b;
        yellow = 255 - c;
      }
      rgb[o] = (byte) (notK - mulDiv255(cyan, notK));
      rgb[o + 1] = (byte) (notK - mulDiv255(magenta, notK));
      rgb[o + 2] = (byte) (notK - mulDiv255(yellow, notK));
    }
    return rgb;
  }

  /** Replicates gray samples into R, G and B. */
  static byte[] grayToRgb(byte[] gray) {
    byte[] rgb = new byte[gray.length * 3];
    for (int i = 0, o = 0; i < gray.length; i++, o += 3) {
      rgb[o] = gray[i];
      rgb[o + 1] = gray[i];
      rgb[o + 2] = gray[i];
    }
    return rgb;
  }

  /** Pillow's MULDIV255: a * b / 255 rounded. */
  private static int mulDiv255(int a, int b) {
    int t = a * b + 128;
    return ((t >> 8) + t) >> 8;
  }

  private static int fix(double x) {
    return (int) (x * (1 << SCALE_BITS) + 0.5);
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }
}
