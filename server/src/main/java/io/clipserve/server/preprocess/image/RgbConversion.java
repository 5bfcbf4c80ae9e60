package io.clipserve.server.preprocess.image;

/**
 * Pillow 9.4's {@code convert('RGB')} from each mode's samples (libImaging/Convert.c): gray and
 * bilevel replicated, palette looked up, alpha dropped (not composited), CMYK as
 * {@code R = (255 - K) - C(255 - K)/255} rounded, mode I clipped to [0, 255]. Also the
 * premultiplication round trip of {@code Image.resize} for "LA" and "RGBA". Stateless and
 * thread-safe; {@code toRgb} returns RGB samples as they are, everything else is a fresh array
 * or says it works in place.
 */
final class RgbConversion {

  private RgbConversion() {}

  static byte[] toRgb(PillowMode mode, byte[] samples, byte[] palette) {
    int channels = mode.channels();
    int pixels = samples.length / channels;
    if (mode == PillowMode.RGB) {
      return samples;
    }
    byte[] rgb = new byte[3 * pixels];
    for (int i = 0, p = 0, o = 0; i < pixels; i++, p += channels, o += 3) {
      switch (mode) {
        case P -> {
          int index = 3 * (samples[p] & 0xff);
          rgb[o] = palette[index];
          rgb[o + 1] = palette[index + 1];
          rgb[o + 2] = palette[index + 2];
        }
        case CMYK -> {
          int notK = 255 - (samples[p + 3] & 0xff);
          rgb[o] = (byte) (notK - mulDiv255(samples[p] & 0xff, notK));
          rgb[o + 1] = (byte) (notK - mulDiv255(samples[p + 1] & 0xff, notK));
          rgb[o + 2] = (byte) (notK - mulDiv255(samples[p + 2] & 0xff, notK));
        }
        case RGBA -> {
          rgb[o] = samples[p];
          rgb[o + 1] = samples[p + 1];
          rgb[o + 2] = samples[p + 2];
        }
        default -> { // BILEVEL, L, LA: the first sample is the gray level
          rgb[o] = samples[p];
          rgb[o + 1] = samples[p];
          rgb[o + 2] = samples[p];
        }
      }
    }
    return rgb;
  }

  static byte[] fromWide(int[] values) {
    byte[] rgb = new byte[3 * values.length];
    for (int i = 0, o = 0; i < values.length; i++, o += 3) {
      byte level = (byte) (values[i] <= 0 ? 0 : Math.min(values[i], 255));
      rgb[o] = level;
      rgb[o + 1] = level;
      rgb[o + 2] = level;
    }
    return rgb;
  }

  /** "LA" to "La", "RGBA" to "RGBa": colour samples times alpha / 255, rounded. */
  static byte[] premultiply(byte[] samples, int channels) {
    byte[] out = samples.clone();
    for (int p = 0; p < out.length; p += channels) {
      int alpha = out[p + channels - 1] & 0xff;
      for (int c = 0; c < channels - 1; c++) {
        out[p + c] = (byte) mulDiv255(out[p + c] & 0xff, alpha);
      }
    }
    return out;
  }

  /** "La" to "LA", "RGBa" to "RGBA" in place: colour × 255 / alpha, unless alpha is 0 or 255. */
  static void unpremultiply(byte[] samples, int channels) {
    for (int p = 0; p < samples.length; p += channels) {
      int alpha = samples[p + channels - 1] & 0xff;
      if (alpha != 0 && alpha != 255) {
        for (int c = 0; c < channels - 1; c++) {
          samples[p + c] = (byte) Math.min(255 * (samples[p + c] & 0xff) / alpha, 255);
        }
      }
    }
  }

  /** Pillow's MULDIV255: a * b / 255 rounded. */
  static int mulDiv255(int a, int b) {
    int t = a * b + 128;
    return ((t >> 8) + t) >> 8;
  }
}
