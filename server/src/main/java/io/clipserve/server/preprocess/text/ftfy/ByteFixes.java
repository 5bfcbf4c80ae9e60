package io.clipserve.server.preprocess.text.ftfy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's fixes on mis-encoded bytes before they are decoded again (fixes.restore_byte_a0 and
 * fixes.replace_lossy_sequences, with chardata's ALTERED_UTF8_RE and LOSSY_UTF8_RE). Bytes are
 * Latin-1 strings, one char per byte. Stateless.
 */
final class ByteFixes {

  static final Pattern ALTERED_UTF8_RE = Pattern.compile(
      "[\\xc2\\xc3\\xc5\\xce\\xd0\\xd9][ ]"
          + "|[\\xe2\\xe3][ ][\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf]"
          + "|[\\xe0-\\xe3][\\x80-\\x84\\x86-\\x9f\\xa1-\\xbf][ ]"
          + "|[\\xf0][ ][\\x80-\\xbf][\\x80-\\xbf]"
          + "|[\\xf0][\\x80-\\xbf][ ][\\x80-\\xbf]"
          + "|[\\xf0][\\x80-\\xbf][\\x80-\\xbf][ ]");
  private static final Pattern LOSSY_UTF8_RE = Pattern.compile(
      "[\\xc2-\\xdf][\\x1a]"
          + "|[\\xc2-\\xc3][?]"
          + "|\\xed[\\xa0-\\xaf][\\x1a?]\\xed[\\xb0-\\xbf][\\x1a?\\x80-\\xbf]"
          + "|\\xed[\\xa0-\\xaf][\\x1a?\\x80-\\xbf]\\xed[\\xb0-\\xbf][\\x1a?]"
          + "|[\\xe0-\\xef][\\x1a?][\\x1a\\x80-\\xbf]"
          + "|[\\xe0-\\xef][\\x1a\\x80-\\xbf][\\x1a?]"
          + "|[\\xf0-\\xf4][\\x1a?][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf]"
          + "|[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a?][\\x1a\\x80-\\xbf]"
          + "|[\\xf0-\\xf4][\\x1a\\x80-\\xbf][\\x1a\\x80-\\xbf][\\x1a?]"
          + "|\\x1a");
  private static final Pattern A_GRAVE_WORD_RE =
      Pattern.compile("\\xc3 (?! |quele|quela|quilo|s )");
  /** U+FFFD in UTF-8, as Latin-1 chars. */
  private static final String REPLACEMENT_UTF8 = "\u00ef\u00bf\u00bd";

  private ByteFixes() {}

  /** A space that was a UTF-8 continuation byte 0xA0 (a no-break space lost on the way). */
  static String restoreByteA0(String bytes) {
    String out = A_GRAVE_WORD_RE.matcher(bytes).replaceAll("\u00c3\u00a0 ");
    Matcher m = ALTERED_UTF8_RE.matcher(out);
    StringBuilder sb = new StringBuilder(out.length());
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replace(' ', '\u00a0')));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** UTF-8 sequences whose bytes were replaced by '?' or 0x1A become U+FFFD. */
  static String replaceLossySequences(String bytes) {
    return LOSSY_UTF8_RE.matcher(bytes).replaceAll(REPLACEMENT_UTF8);
  }
}
