package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vocab.txt is read as BERT's load_vocab: readline() with universal newlines, then strip(). */
class BertVocabularyTest {

  @TempDir Path dir;

  private BertVocabulary load(String content) throws IOException {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return BertVocabulary.load(file);
  }

  @Test
  void idsAreLineNumbersAfterPythonStrip() throws IOException {
    BertVocabulary vocab = load(" a \n\u00a0b\u3000\n\u2028\n##\u2028\nc\u200b\n");
    assertThat(vocab.idOf("a")).isZero();
    assertThat(vocab.idOf("b")).isEqualTo(1); // U+00A0 and U+3000 are Python whitespace
    assertThat(vocab.idOf("")).isEqualTo(2); // a line of U+2028 alone strips to nothing
    assertThat(vocab.idOf("##")).isEqualTo(3);
    assertThat(vocab.idOf("c\u200b")).isEqualTo(4); // U+200B is not whitespace
    assertThat(vocab.idOf("c")).isEqualTo(-1);
  }

  @Test
  void splitsLinesAtLfCrLfAndCrLikePythonTextMode() throws IOException {
    BertVocabulary vocab = load("a\r\nb\rc\n\nd");
    assertThat(vocab.idOf("a")).isZero();
    assertThat(vocab.idOf("b")).isEqualTo(1);
    assertThat(vocab.idOf("c")).isEqualTo(2);
    assertThat(vocab.idOf("")).isEqualTo(3);
    assertThat(vocab.idOf("d")).isEqualTo(4);
  }

  @Test
  void aLaterDuplicateTakesTheToken() throws IOException {
    assertThat(load("x\ny\n x\n").idOf("x")).isEqualTo(2);
  }

  @Test
  void theRealVocabularyHasChineseClipsSpecialIds() throws IOException {
    BertVocabulary vocab = BertVocabulary.load(TestFiles.chineseClipVocab());
    assertThat(vocab.idOf("[PAD]")).isZero();
    assertThat(vocab.idOf("[UNK]")).isEqualTo(100);
    assertThat(vocab.idOf("[CLS]")).isEqualTo(101);
    assertThat(vocab.idOf("[SEP]")).isEqualTo(102);
    assertThat(vocab.idOf("[MASK]")).isEqualTo(103);
    assertThat(vocab.idOf("")).isEqualTo(343); // the U+2028 line
  }

  @Test
  void refusesInvalidUtf8() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'a', '\n', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> BertVocabulary.load(file))
        .isInstanceOf(IOException.class).hasMessageContaining("UTF-8");
  }
}
