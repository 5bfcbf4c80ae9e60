package io.clipserve.server.preprocess.text.ftfy;

import java.util.HashMap;
import java.util.Map;

/**
 * One of the single-byte codecs ftfy tries (Python's latin-1, macroman, cp437, iso-8859-2 and
 * ftfy's "sloppy" windows-125x), as a 256-entry decoding table copied from Python. Immutable.
 */
final class Charmap {

  private final String name;
  private final int[] decode;
  private final Map<Integer, Integer> encode = new HashMap<>();

  Charmap(String name, int[] decode) {
    if (decode.length != 256) {
      throw new IllegalArgumentException(name + ": a decoding table has 256 entries, not "
          + decode.length);
    }
    this.name = name;
    this.decode = decode.clone();
    for (int b = 0; b < 256; b++) {
      encode.put(decode[b], b);
    }
  }

  String name() {
    return name;
  }

  /** Whether ftfy's "sloppy" variant (undefined bytes read as Latin-1, 0x1A as U+FFFD). */
  boolean sloppy() {
    return name.startsWith("sloppy");
  }

  /** The character byte {@code b} (0..255) decodes to. */
  int decode(int b) {
    return decode[b];
  }

  /**
   * ftfy's {@code possible_encoding}: every character is ASCII other than U+001A, or one the
   * bytes 0x80..0xFF and 0x1A decode to.
   */
  boolean canEncode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ascii = c <= 0x7F && c != 0x1A;
      if (!ascii && !isHighOrSub(c)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of {@code text}, one char per byte (0..255) in a Latin-1 string; see canEncode. */
  String encodeToLatin1(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      Integer b = encode.get((int) text.charAt(i));
      if (b == null) {
        throw new IllegalArgumentException(name + " cannot encode U+"
            + Integer.toHexString(text.charAt(i)));
      }
      out.append((char) b.intValue());
    }
    return out.toString();
  }

  private boolean isHighOrSub(char c) {
    Integer b = encode.get((int) c);
    return b != null && (b >= 0x80 || b == 0x1A);
  }
}
