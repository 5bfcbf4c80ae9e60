package io.clipserve.server.preprocess.text;

import io.clipserve.server.preprocess.text.ftfy.PythonHtml;
import io.clipserve.server.preprocess.text.ftfy.TextFixer;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * open_clip's text cleaning before BPE ({@code _clean_lower} in open_clip/tokenizer.py, the
 * default of its SimpleTokenizer): {@code ftfy.fix_text}, {@code html.unescape} twice, strip,
 * whitespace runs to one space, lower case. Stateless and thread-safe.
 *
 * <p>The work is done line by line so that a tokenizer can stop once its context is full: ftfy
 * fixes lines independently, no character reference spans a '\n', and after whitespace is
 * collapsed the lines are words joined by single spaces, so cleaning the lines one by one and
 * joining them with a space gives the cleaned text.
 */
final class OpenClipTextCleaner {

  private final TextFixer fixer = new TextFixer();

  /** The whole text cleaned, as open_clip's {@code _clean_lower(text)}. */
  String clean(String text) {
    StringJoiner out = new StringJoiner(" ");
    clean(text, piece -> {
      out.add(piece);
      return true;
    });
    return out.toString();
  }

  /**
   * Hands the cleaned text to {@code sink} in pieces (each non-empty, words separated by single
   * spaces; the text is the pieces joined by one space) until {@code sink} returns false.
   */
  void clean(String text, Predicate<String> sink) {
    StringBuilder lines = new StringBuilder();
    boolean[] stopped = {false};
    fixer.fixLines(text, fixed -> {
      lines.append(fixed);
      // A line cut at ftfy's decode length waits for the rest of it: references may span the cut.
      if (lines.length() == 0 || lines.charAt(lines.length() - 1) != '\n') {
        return true;
      }
      stopped[0] = !emit(lines, sink);
      return !stopped[0];
    });
    if (!stopped[0] && lines.length() > 0) {
      emit(lines, sink);
    }
  }

  private static boolean emit(StringBuilder lines, Predicate<String> sink) {
    String unescaped = PythonHtml.unescape(PythonHtml.unescape(lines.toString()));
    lines.setLength(0);
    // Python's str.lower() and Java's ROOT lower case both apply the full Unicode mappings
    // (U+0130 to "i\u0307", final sigma); collapsing whitespace also strips both ends.
    String piece = UnicodeCategories.pythonCollapseWhitespace(unescaped).toLowerCase(Locale.ROOT);
    return piece.isEmpty() || sink.test(piece);
  }
}
