package io.clipserve.server.preprocess.text;

/**
 * The character classes of BERT's {@code tokenization.py} as Chinese-CLIP ships it
 * ({@code cn_clip/clip/bert_tokenizer.py}): its own definitions, built on the general categories
 * of {@link UnicodeCategories}. Stateless and thread-safe.
 */
final class BertCharacterClasses {
  private BertCharacterClasses() {}

  /** {@code _is_control}: tab, newline and carriage return are whitespace, not control. */
  static boolean isControl(int cp) {
    return cp != '\t' && cp != '\n' && cp != '\r' && UnicodeCategories.isControlOrFormat(cp);
  }

  /** {@code _is_punctuation}: non-alphanumeric ASCII, or any category P*. */
  static boolean isPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    return cp > 127 && UnicodeCategories.isPunctuationCategory(cp);
  }

  /** {@code _is_chinese_char} with Chinese-CLIP's ranges (Google's plus Extension E). */
  static boolean isChineseChar(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B820 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
