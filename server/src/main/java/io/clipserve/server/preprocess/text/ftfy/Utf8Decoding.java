package io.clipserve.server.preprocess.text.ftfy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's strict {@code bytes.decode("utf-8")} and ftfy's {@code "utf-8-variants"} codec (which
 * also reads CESU-8 surrogate pairs and Java's C0 80 for U+0000). Bytes arrive as Latin-1 strings
 * (one char per byte) so that ftfy's byte regexes run as java.util.regex patterns. Stateless.
 */
final class Utf8Decoding {

  // ftfy/bad_codecs/utf8_variants.py; UNIX_LINES makes '$' match where Python's does (at the end
  // or before a final \n).
  private static final String CESU8 =
      "(\\xed([\\xa0-\\xaf]|$)([\\x80-\\xbf]|$)(\\xed|$)([\\xb0-\\xbf]|$)([\\x80-\\xbf]|$))";
  private static final Pattern CESU8_RE = Pattern.compile(CESU8, Pattern.UNIX_LINES);
  private static final Pattern SPECIAL_BYTES_RE = Pattern.compile(
      "(\\xc0(\\x80|$))|" + CESU8 + "|(\\xed([\\xa0-\\xbf]|$)([\\x80-\\xbf]|$))",
      Pattern.UNIX_LINES);

  private Utf8Decoding() {}

  /** Strict UTF-8, or null where Python raises UnicodeDecodeError. */
  static String strict(String latin1Bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(latin1Bytes.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** ftfy's utf-8-variants decoder, or null where it raises UnicodeDecodeError. */
  static String variants(String latin1Bytes) {
    StringBuilder out = new StringBuilder(latin1Bytes.length());
    String rest = latin1Bytes;
    while (!rest.isEmpty()) {
      Matcher special = SPECIAL_BYTES_RE.matcher(rest);
      if (!special.find()) {
        return append(out, strict(rest));
      }
      int cutoff = special.start();
      int consumed;
      if (cutoff > 0) {
        if (append(out, strict(rest.substring(0, cutoff))) == null) {
          return null;
        }
        consumed = cutoff;
      } else if (rest.charAt(0) == 0xC0) {
        if (rest.length() == 1) {
          return null;
        }
        out.append('\u0000');
        consumed = 2;
      } else if (rest.length() >= 6 && CESU8_RE.matcher(rest).lookingAt()) {
        int cp = ((rest.charAt(1) & 0x0F) << 16) + ((rest.charAt(2) & 0x3F) << 10)
            + ((rest.charAt(4) & 0x0F) << 6) + (rest.charAt(5) & 0x3F) + 0x10000;
        out.appendCodePoint(cp);
        consumed = 6;
      } else {
        return null; // a lone encoded surrogate: Python's UTF-8 decoder raises
      }
      rest = rest.substring(consumed);
    }
    return out.toString();
  }

  private static String append(StringBuilder out, String decoded) {
    if (decoded == null) {
      return null;
    }
    return out.append(decoded).toString();
  }
}
