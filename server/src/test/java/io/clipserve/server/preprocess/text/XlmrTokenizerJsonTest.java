package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An AltCLIP-like XLM-R tokenizer.json (tokenizers/xlmr_tiny.json: SentencePiece Unigram,
 * Metaspace, TemplateProcessing) through {@link HfTextTokenizer}. Expected ids are derived by
 * hand from the fixture's vocabulary: <s> 0, <pad> 1, </s> 2, <unk> 3, ▁ 4, ▁a 5, ▁photo 6,
 * ▁of 7, ▁cat 8, ▁the 9, ▁dog 10, s 11, ▁一 12, 只 13, 猫 14, 的 15, 照片 16, "," 17, "." 18,
 * <mask> 19.
 */
class XlmrTokenizerJsonTest {

  private static TextTokenizer xlmr;

  @BeforeAll
  static void load() throws IOException {
    xlmr = TextTokenizers.load(HfFixtures.spec(HfFixtures.XLMR, 77, 1));
  }

  @AfterAll
  static void close() {
    xlmr.close();
  }

  @Test
  void wrapsInSentenceMarksAndPadsWithOne() {
    TokenizedText t = xlmr.tokenize("a photo of a cat");
    assertThat(t.tokens()).containsExactly("<s>", "▁a", "▁photo", "▁of", "▁a", "▁cat", "</s>");
    assertThat(t.ids()).isEqualTo(HfFixtures.padded(77, 1, 0, 5, 6, 7, 5, 8, 2));
    assertThat(t.attentionMask()).isEqualTo(HfFixtures.padded(77, 0, 1, 1, 1, 1, 1, 1, 1));
    assertThat(t.truncated()).isFalse();
  }

  @Test
  void unigramPicksTheBestScoringSegmentation() {
    // "▁cats." = ▁cat (-4) + s (-3) + . (-3); no other split covers it without <unk>.
    assertThat(xlmr.tokenize("the cats.").tokens()).containsExactly("<s>", "▁the", "▁cat", "s", ".", "</s>");
    // One pre-token "▁一只猫的照片": the only path without unknown characters.
    assertThat(xlmr.tokenize("一只猫的照片").ids()).startsWith(0, 12, 13, 14, 15, 16, 2, 1);
  }

  @Test
  void fusesConsecutiveUnknownCharactersIntoOneUnk() {
    // "▁zebra": "▁" (4), then z e b r a are not pieces: one fused <unk> spanning them.
    TokenizedText t = xlmr.tokenize("a zebra");
    assertThat(t.tokens()).containsExactly("<s>", "▁a", "▁", "zebra", "</s>");
    assertThat(t.ids()).startsWith(0, 5, 4, 3, 2, 1);
  }

  @Test
  void normalizesFullWidthAndRepeatedSpaces() {
    assertThat(xlmr.tokenize("ａ   ｃａｔ").ids()).startsWith(0, 5, 8, 2, 1);
  }

  @Test
  void truncatesTheContentAndKeepsTheClosingMark() throws IOException {
    try (TextTokenizer tokenizer = TextTokenizers.load(HfFixtures.spec(HfFixtures.XLMR, 6, 1))) {
      TokenizedText t = tokenizer.tokenize("a photo of a cat");
      assertThat(t.ids()).containsExactly(0, 5, 6, 7, 5, 2);
      assertThat(t.tokens()).containsExactly("<s>", "▁a", "▁photo", "▁of", "▁a", "</s>");
      assertThat(t.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1);
      assertThat(t.truncated()).isTrue();
    }
    try (TextTokenizer tokenizer = TextTokenizers.load(HfFixtures.spec(HfFixtures.XLMR, 7, 1))) {
      assertThat(tokenizer.tokenize("a photo of a cat").truncated()).isFalse();
    }
  }

  @Test
  void emptyText() {
    TokenizedText t = xlmr.tokenize("");
    assertThat(t.ids()).isEqualTo(HfFixtures.padded(77, 1, 0, 2));
    assertThat(t.tokens()).containsExactly("<s>", "</s>");
  }

  @Test
  void typedSpecialTokensAreSpecialAsInHuggingFacePython() {
    assertThat(xlmr.tokenize("<s>").ids()).startsWith(0, 0, 2, 1);
    assertThat(xlmr.tokenize("<mask> cat").ids()).startsWith(0, 19, 8, 2, 1);
  }
}
