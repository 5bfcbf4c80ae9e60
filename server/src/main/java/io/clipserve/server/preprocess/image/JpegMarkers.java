package io.clipserve.server.preprocess.image;

import java.util.Arrays;

/**
 * What a JPEG's markers before its first scan say: frame size and components, the JFIF and Adobe
 * markers libjpeg uses to decide the colour space, and where the embedded ICC profile segments
 * are (for {@link JpegIccSegments} to remove).
 *
 * @param width frame width
 * @param height frame height
 * @param componentIds the frame's component identifiers, one per component
 * @param chromaSubsampled whether a component after the first has other sampling factors
 * @param jfif whether a JFIF APP0 marker was seen
 * @param adobeTransform the Adobe APP14 transform flag, or -1 without that marker
 * @param iccSpans offset and length of each APP2 ICC_PROFILE segment, in pairs
 */
record JpegMarkers(
    int width,
    int height,
    int[] componentIds,
    boolean chromaSubsampled,
    boolean jfif,
    int adobeTransform,
    int[] iccSpans) {

  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  /**
   * Scans markers up to the first scan, or up to the end of data that stops after the frame
   * header (the size is known, the decoder will report the truncation); throws if there is no
   * complete frame header.
   */
  static JpegMarkers scan(byte[] b) {
    int width = -1;
    int height = -1;
    int[] ids = null;
    boolean subsampled = false;
    boolean jfif = false;
    int adobe = -1;
    int[] icc = new int[0];
    int p = 2;
    while (p < b.length) {
      if ((b[p] & 0xff) != 0xFF) {
        throw new InvalidImageException("the JPEG is corrupt: no marker at byte " + p);
      }
      while (p < b.length && (b[p] & 0xff) == 0xFF) {
        p++; // fill bytes
      }
      if (p >= b.length) {
        break;
      }
      int marker = b[p++] & 0xff;
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // markers without a length
      }
      if (marker == SOS || marker == EOI) {
        break;
      }
      int bodyLength = p + 2 <= b.length ? ImageHeaderProbe.u16be(b, p) - 2 : -1;
      int body = p + 2;
      if (bodyLength < 0 || body + bodyLength > b.length) {
        break;
      }
      if (marker == 0xE0 && bodyLength >= 14 && matches(b, body, "JFIF\0")) {
        jfif = true;
      } else if (marker == 0xE2 && bodyLength >= 12 && matches(b, body, "ICC_PROFILE\0")) {
        icc = Arrays.copyOf(icc, icc.length + 2);
        icc[icc.length - 2] = p - 2;
        icc[icc.length - 1] = bodyLength + 4;
      } else if (marker == 0xEE && bodyLength >= 12 && matches(b, body, "Adobe")) {
        adobe = b[body + 11] & 0xff;
      } else if (isStartOfFrame(marker) && ids == null) {
        int components = bodyLength >= 6 ? b[body + 5] & 0xff : 0;
        if (components == 0 || bodyLength < 6 + 3 * components) {
          throw new InvalidImageException("the JPEG is corrupt: its frame header is malformed");
        }
        height = ImageHeaderProbe.u16be(b, body + 1);
        width = ImageHeaderProbe.u16be(b, body + 3);
        ids = new int[components];
        for (int i = 0; i < components; i++) {
          ids[i] = b[body + 6 + 3 * i] & 0xff;
          subsampled |= b[body + 7 + 3 * i] != b[body + 7];
        }
      }
      p = body + bodyLength;
    }
    if (ids == null) {
      throw new InvalidImageException(
          "the JPEG is truncated or corrupt: there is no frame header before its first scan");
    }
    return new JpegMarkers(width, height, ids, subsampled, jfif, adobe, icc);
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static boolean matches(byte[] b, int at, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (b[at + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
