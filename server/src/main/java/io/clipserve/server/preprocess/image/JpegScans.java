package io.clipserve.server.preprocess.image;

/**
 * Counts a JPEG's scans (start-of-scan markers) by walking its segments and skipping each scan's
 * entropy-coded data, where a 0xFF byte is followed by a stuffed 0x00 or a restart marker; no
 * pixel is decoded. Stateless and thread-safe.
 */
final class JpegScans {
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;

  private JpegScans() {}

  /** Scans in {@code b} up to its end-of-image marker or the end of the data. */
  static int count(byte[] b) {
    int scans = 0;
    int p = 2;
    while (p + 1 < b.length) {
      if ((b[p] & 0xff) != 0xFF) {
        return scans; // the decoder reports the corruption
      }
      int marker = b[p + 1] & 0xff;
      if (marker == 0xFF) {
        p++; // fill byte
        continue;
      }
      p += 2;
      if (marker == EOI) {
        return scans;
      }
      if (marker == 0xD8 || marker == 0x01 || isRestart(marker)) {
        continue;
      }
      if (p + 2 > b.length) {
        return scans;
      }
      p += ImageHeaderProbe.u16be(b, p);
      if (marker == SOS) {
        scans++;
        p = endOfEntropyData(b, p);
      }
    }
    return scans;
  }

  /** Where the marker after the entropy-coded data starting at {@code p} begins. */
  private static int endOfEntropyData(byte[] b, int p) {
    while (p + 1 < b.length) {
      if ((b[p] & 0xff) == 0xFF) {
        int next = b[p + 1] & 0xff;
        if (next != 0 && !isRestart(next) && next != 0xFF) {
          return p;
        }
        p += next == 0xFF ? 1 : 2;
      } else {
        p++;
      }
    }
    return b.length;
  }

  private static boolean isRestart(int marker) {
    return marker >= 0xD0 && marker <= 0xD7;
  }
}
