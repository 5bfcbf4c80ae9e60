package io.clipserve.server.preprocess.text.ftfy;

/**
 * Python's str.strip() and " ".join(str.split()), whose notion of whitespace (str.isspace: the
 * Unicode White_Space characters plus U+001C..U+001F) is wider than Java's. Stateless.
 */
public final class PythonText {

  private PythonText() {}

  /** {@code text.strip()}. */
  public static String strip(String text) {
    FtfyTables tables = FtfyTables.get();
    int start = 0;
    int end = text.length();
    while (start < end && tables.isPythonSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && tables.isPythonSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  /** {@code " ".join(text.split())}: whitespace runs become one space, none at either end. */
  public static String collapseWhitespace(String text) {
    FtfyTables tables = FtfyTables.get();
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (tables.isPythonSpace(cp)) {
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
}
