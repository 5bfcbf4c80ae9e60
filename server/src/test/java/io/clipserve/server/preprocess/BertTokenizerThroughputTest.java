package io.clipserve.server.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.server.preprocess.text.TestFiles;
import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TextTokenizers;
import io.clipserve.server.preprocess.text.TokenizerSpec;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Prints single-thread tokenize() throughput for short Chinese texts; asserts nothing about speed. */
class BertTokenizerThroughputTest {

  private static final String[] TEXTS = {
    "一只猫的照片", "一张狗的照片。", "海边的日落", "穿红色衣服的女孩在公园里跑步",
    "a photo of a cat", "两个人在咖啡馆里聊天", "雪山和湖泊的风景", "一辆红色的跑车停在路边",
  };

  @Test
  void shortChineseTexts() throws IOException {
    TextTokenizer tokenizer = TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.BERT_WORDPIECE, TestFiles.chineseClipVocab(), true, 52, 0));
    long checksum = run(tokenizer, 200_000); // warm-up for the JIT
    long start = System.nanoTime();
    int calls = 400_000;
    checksum += run(tokenizer, calls);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("BERT WordPiece, short Chinese texts, 1 thread: %.0f texts/s (%.2f us/text)%n",
        calls / seconds, seconds * 1e6 / calls);
    assertThat(checksum).isPositive();
  }

  private static long run(TextTokenizer tokenizer, int calls) {
    long checksum = 0;
    for (int i = 0; i < calls; i++) {
      checksum += tokenizer.tokenize(TEXTS[i % TEXTS.length]).ids()[1];
    }
    return checksum;
  }
}
