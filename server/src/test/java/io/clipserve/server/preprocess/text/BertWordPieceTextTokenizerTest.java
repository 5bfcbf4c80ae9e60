package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WordPiece edge cases over a tiny hand-written vocabulary (ids = line numbers). */
class BertWordPieceTextTokenizerTest {

  private static final String VOCAB = String.join("\n",
      "[PAD]", "[UNK]", "[CLS]", "[SEP]", // 0-3
      "un", "##aff", "##able", // 4-6
      "a", "##a", "aa", "##aa", // 7-10
      "b", "##c", "bc", "##cd", // 11-14
      "Caf", "##\u00e9", ",", "!", // 15-18
      "\u732b", "##\u732b", "\ud83d\ude02", "##\ud83d\ude02") + "\n"; // 19-22: 猫, 😂

  @TempDir Path dir;

  private TextTokenizer tokenizer(boolean lowercase, int contextLength, long padId) throws IOException {
    Path vocab = dir.resolve("vocab.txt");
    Files.writeString(vocab, VOCAB, StandardCharsets.UTF_8);
    return TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.BERT_WORDPIECE, vocab, lowercase, contextLength, padId));
  }

  @Test
  void greedyLongestMatchFirstWithContinuationPieces() throws IOException {
    TokenizedText t = tokenizer(true, 8, 0).tokenize("unaffable aaaaa");
    assertThat(t.tokens()).containsExactly("[CLS]", "un", "##aff", "##able", "aa", "##aa", "##a", "[SEP]");
    assertThat(t.ids()).containsExactly(2, 4, 5, 6, 9, 10, 8, 3);
    assertThat(t.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1);
    assertThat(t.truncated()).isFalse();
  }

  @Test
  void aWordWithAnUnmatchablePartIsOneUnknownTokenWithoutBacktracking() throws IOException {
    // "bcd": the longest prefix "bc" leaves "##d", so the word is [UNK] although "b ##cd" exists.
    TokenizedText t = tokenizer(true, 8, 0).tokenize("bc bd bcd b");
    assertThat(t.tokens()).containsExactly("[CLS]", "bc", "[UNK]", "[UNK]", "b", "[SEP]");
    assertThat(t.ids()).containsExactly(2, 13, 1, 1, 11, 3, 0, 0);
  }

  @Test
  void ideographsAreSplitBeforeWordPiece() throws IOException {
    assertThat(tokenizer(true, 8, 0).tokenize("\u732b\u732b").tokens())
        .containsExactly("[CLS]", "\u732b", "\u732b", "[SEP]");
  }

  @Test
  void theWordLengthLimitIs200CodePoints() throws IOException {
    TextTokenizer tokenizer = tokenizer(true, 4, 0);
    assertThat(tokenizer.tokenize("a".repeat(200)).tokens()).containsExactly("[CLS]", "aa", "##aa", "[SEP]");
    assertThat(tokenizer.tokenize("a".repeat(201)).tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
    // 150 emoji are 300 UTF-16 chars but 150 code points: under the limit.
    String laugh = "\ud83d\ude02";
    assertThat(tokenizer.tokenize(laugh.repeat(150)).tokens())
        .containsExactly("[CLS]", laugh, "##" + laugh, "[SEP]");
    assertThat(tokenizer.tokenize(laugh.repeat(201)).tokens()).containsExactly("[CLS]", "[UNK]", "[SEP]");
  }

  @Test
  void truncationKeepsTheFirstPiecesAndTheSeparator() throws IOException {
    TokenizedText t = tokenizer(true, 5, 7).tokenize("a, b!");
    assertThat(t.tokens()).containsExactly("[CLS]", "a", ",", "b", "[SEP]");
    assertThat(t.truncated()).isTrue();
    TokenizedText fits = tokenizer(true, 6, 7).tokenize("a, b!");
    assertThat(fits.truncated()).isFalse();
    assertThat(fits.ids()).containsExactly(2, 7, 17, 11, 18, 3);
  }

  @Test
  void padsWithTheSpecPadId() throws IOException {
    TokenizedText t = tokenizer(true, 5, 7).tokenize("");
    assertThat(t.ids()).containsExactly(2, 3, 7, 7, 7);
    assertThat(t.attentionMask()).containsExactly(1, 1, 0, 0, 0);
  }

  @Test
  void casedKeepsCaseAndAccents() throws IOException {
    assertThat(tokenizer(false, 8, 0).tokenize("Caf\u00e9 caf\u00e9").tokens())
        .containsExactly("[CLS]", "Caf", "##\u00e9", "[UNK]", "[SEP]");
    assertThat(tokenizer(true, 8, 0).tokenize("Caf\u00e9").tokens())
        .containsExactly("[CLS]", "[UNK]", "[SEP]");
  }

  @Test
  void typedSpecialTokensAreOrdinaryText() throws IOException {
    assertThat(tokenizer(true, 12, 0).tokenize("[SEP]a[CLS]").tokens())
        .containsExactly("[CLS]", "[UNK]", "[UNK]", "[UNK]", "a", "[UNK]", "[UNK]", "[UNK]", "[SEP]");
  }

  @Test
  void refusesAVocabularyWithoutSpecialTokensAndATooShortContext() throws IOException {
    Path vocab = dir.resolve("bad.txt");
    Files.writeString(vocab, "[PAD]\n[UNK]\n[CLS]\n");
    assertThatThrownBy(() -> TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.BERT_WORDPIECE, vocab, true, 8, 0)))
        .isInstanceOf(IOException.class).hasMessageContaining("[SEP]");
    assertThatThrownBy(() -> tokenizer(true, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
