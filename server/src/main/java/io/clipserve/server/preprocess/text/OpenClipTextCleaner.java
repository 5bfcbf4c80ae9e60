package io.clipserve.server.preprocess.text;

import io.clipserve.server.preprocess.text.ftfy.PythonHtml;
import io.clipserve.server.preprocess.text.ftfy.PythonText;
import io.clipserve.server.preprocess.text.ftfy.TextFixer;
import java.util.Locale;

/**
 * open_clip's text cleaning before BPE ({@code _clean_lower} in open_clip/tokenizer.py, the
 * default of its SimpleTokenizer): {@code ftfy.fix_text}, {@code html.unescape} twice, strip,
 * whitespace runs to one space, lower case. Stateless and thread-safe.
 */
final class OpenClipTextCleaner {

  private final TextFixer fixer = new TextFixer();

  String clean(String text) {
    String basic = PythonText.strip(PythonHtml.unescape(PythonHtml.unescape(fixer.fixText(text))));
    // Python's str.lower() and Java's ROOT lower case both apply the full Unicode mappings
    // (U+0130 to "i\u0307", final sigma).
    return PythonText.collapseWhitespace(basic).toLowerCase(Locale.ROOT);
  }
}
