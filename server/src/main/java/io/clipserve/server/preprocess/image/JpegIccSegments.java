package io.clipserve.server.preprocess.image;

/**
 * Removes a JPEG's embedded ICC profile segments before decoding: pixels ignore them, as Pillow
 * does, and the JDK's reader would otherwise build a colour transform from them on every read.
 * Stateless and thread-safe.
 */
final class JpegIccSegments {
  private JpegIccSegments() {}

  /**
   * {@code data} without the ICC profile segments {@code markers} found in it; {@code data} itself
   * when it has none.
   */
  static byte[] strip(byte[] data, JpegMarkers markers) {
    int[] iccSpans = markers.iccSpans();
    if (iccSpans.length == 0) {
      return data;
    }
    int removed = 0;
    for (int i = 1; i < iccSpans.length; i += 2) {
      removed += iccSpans[i];
    }
    byte[] out = new byte[data.length - removed];
    int from = 0;
    int to = 0;
    for (int i = 0; i < iccSpans.length; i += 2) {
      int n = iccSpans[i] - from;
      System.arraycopy(data, from, out, to, n);
      to += n;
      from = iccSpans[i] + iccSpans[i + 1];
    }
    System.arraycopy(data, from, out, to, data.length - from);
    return out;
  }
}
