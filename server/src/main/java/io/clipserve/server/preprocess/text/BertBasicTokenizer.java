package io.clipserve.server.preprocess.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * BERT's {@code BasicTokenizer} as Chinese-CLIP ships it ({@code cn_clip/clip/bert_tokenizer.py}):
 * drop U+0000, U+FFFD and Cc/Cf characters, turn whitespace into separators, isolate CJK
 * ideographs, split at Python whitespace, optionally lower-case and strip accents, then split off
 * punctuation. One pass over the code points, with no intermediate strings for the whole text.
 * Stateless and thread-safe.
 */
final class BertBasicTokenizer {

  private final boolean lowercase;

  BertBasicTokenizer(boolean lowercase) {
    this.lowercase = lowercase;
  }

  /**
   * Hands each basic token of {@code text}, in order, to {@code sink} until it returns false.
   * Equals Python's {@code BasicTokenizer.tokenize(text)} cut where the sink stopped.
   */
  void tokenize(String text, Predicate<String> sink) {
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0 || cp == 0xFFFD || BertCharacterClasses.isControl(cp)) {
        continue; // _clean_text removes these before any splitting: neighbours join
      }
      boolean separate = UnicodeCategories.isPythonSpace(cp);
      if (separate || BertCharacterClasses.isChineseChar(cp)) {
        if (!emit(word, sink)) {
          return;
        }
        if (separate) {
          continue;
        }
        word.appendCodePoint(cp);
        if (!emit(word, sink)) {
          return;
        }
        continue;
      }
      word.appendCodePoint(cp);
    }
    emit(word, sink);
  }

  /** Normalises one whitespace-separated word, splits off punctuation, empties the builder. */
  private boolean emit(StringBuilder word, Predicate<String> sink) {
    if (word.length() == 0) {
      return true;
    }
    String token = word.toString();
    word.setLength(0);
    if (lowercase) {
      token = stripAccents(token.toLowerCase(Locale.ROOT));
    }
    int start = 0;
    int i = 0;
    while (i < token.length()) {
      int cp = token.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (BertCharacterClasses.isPunctuation(cp)) {
        if (start < i && !sink.test(token.substring(start, i))) {
          return false;
        }
        if (!sink.test(token.substring(i, next))) {
          return false;
        }
        start = next;
      }
      i = next;
    }
    return start >= token.length() || sink.test(token.substring(start));
  }

  /** {@code _run_strip_accents}: NFD, then drop category Mn. */
  private static String stripAccents(String token) {
    if (!mayDecompose(token)) {
      return token;
    }
    String nfd = Normalizer.normalize(token, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(nfd.length());
    int i = 0;
    while (i < nfd.length()) {
      int cp = nfd.codePointAt(i);
      if (!UnicodeCategories.isNonSpacingMark(cp)) {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** False when NFD and mark stripping cannot change the token (the common ASCII/CJK case). */
  private static boolean mayDecompose(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      // Nothing below U+00C0 decomposes or is Mn; CJK Unified Ideographs neither.
      if (c >= 0xC0 && (c < 0x4E00 || c > 0x9FFF)) {
        return true;
      }
    }
    return false;
  }
}
