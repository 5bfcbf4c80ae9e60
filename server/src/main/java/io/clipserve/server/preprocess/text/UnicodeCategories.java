package io.clipserve.server.preprocess.text;

/**
 * The Unicode character classes BERT's Python tokenizer asks {@code unicodedata} and
 * {@code str} about, answered from the JDK's tables ({@link Character#getType(int)} is the
 * Unicode general category, one constant per two-letter Python category).
 *
 * <p>The JDK and Python may ship different Unicode versions (JDK 17: 13.0; Python 3.11: 14.0);
 * the answers differ only for code points one of them does not know yet (see
 * docs/tokenization.md). Stateless and thread-safe.
 */
final class UnicodeCategories {

  private UnicodeCategories() {}

  /** Categories Cc and Cf: what Chinese-CLIP's {@code _is_control} drops (after tab/newline/cr). */
  static boolean isControlOrFormat(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT;
  }

  /** Category Zs. */
  static boolean isSpaceSeparator(int cp) {
    return Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /** Category Mn, the marks {@code _run_strip_accents} drops after NFD. */
  static boolean isNonSpacingMark(int cp) {
    return Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /** Any category starting with P (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
  static boolean isPunctuationCategory(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /**
   * Python's {@code str.isspace()}, which {@code str.split()} and {@code str.strip()} use:
   * bidirectional class WS, B or S, or category Zs. Wider than {@link Character#isWhitespace}
   * (it includes U+0085, U+00A0, U+2007, U+202F).
   */
  static boolean isPythonSpace(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (Character.getType(cp) == Character.SPACE_SEPARATOR) {
      return true;
    }
    switch (Character.getDirectionality(cp)) {
      case Character.DIRECTIONALITY_WHITESPACE:
      case Character.DIRECTIONALITY_PARAGRAPH_SEPARATOR:
      case Character.DIRECTIONALITY_SEGMENT_SEPARATOR:
        return true;
      default:
        return false;
    }
  }

  /** Python's {@code " ".join(s.split())}: whitespace runs to one space, none at either end. */
  static String pythonCollapseWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isPythonSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** Python's {@code str.strip()} with no argument. */
  static String pythonStrip(String s) {
    int begin = 0;
    int end = s.length();
    while (begin < end && isPythonSpace(s.codePointAt(begin))) {
      begin += Character.charCount(s.codePointAt(begin));
    }
    while (end > begin && isPythonSpace(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(begin, end);
  }
}
