package io.clipserve.server.preprocess.text;

import java.util.Arrays;
import java.util.List;

/** Builds the padded {@link TokenizedText} both tokenizer families return. Stateless. */
final class TokenizedTexts {

  private TokenizedTexts() {}

  /**
   * Pads {@code ids} (special tokens included, at most {@code contextLength}) with
   * {@code padId}; the attention mask is 1 over the ids and 0 over the padding.
   */
  static TokenizedText padded(long[] ids, List<String> tokens, boolean truncated,
      int contextLength, long padId) {
    if (ids.length > contextLength) {
      throw new IllegalStateException(ids.length + " ids exceed context length " + contextLength);
    }
    long[] padded = Arrays.copyOf(ids, contextLength);
    Arrays.fill(padded, ids.length, contextLength, padId);
    long[] mask = new long[contextLength];
    Arrays.fill(mask, 0, ids.length, 1L);
    return new TokenizedText(padded, mask, List.copyOf(tokens), truncated);
  }
}
