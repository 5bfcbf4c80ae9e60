package io.clipserve.bench.micro;

import io.clipserve.server.preprocess.TextTokenizer;
import io.clipserve.server.preprocess.TextTokenizers;
import io.clipserve.server.preprocess.TokenizerSpec;
import java.nio.file.Path;

/**
 * Single-thread {@code tokenize()} throughput of the BERT WordPiece tokenizer (Chinese-CLIP's
 * vocabulary, context 52) on short Chinese and English texts, after a JIT warm-up.
 *
 * <p>usage: TokenizerThroughput VOCAB_TXT (the test data's vocab/chinese-clip-vocab.txt)
 */
public final class TokenizerThroughput {
  private static final String[] TEXTS = {
    "一只猫的照片", "一张狗的照片。", "海边的日落", "穿红色衣服的女孩在公园里跑步",
    "a photo of a cat", "两个人在咖啡馆里聊天", "雪山和湖泊的风景", "一辆红色的跑车停在路边",
  };

  private TokenizerThroughput() {}

  public static void main(String[] args) throws Exception {
    try (TextTokenizer tokenizer = TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.BERT_WORDPIECE, Path.of(args[0]), true, 52, 0))) {
      long checksum = run(tokenizer, 200_000); // warm-up for the JIT
      long start = System.nanoTime();
      int calls = 400_000;
      checksum += run(tokenizer, calls);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("BERT WordPiece, short texts, 1 thread: %.0f texts/s (%.2f us/text),"
          + " checksum %d%n", calls / seconds, seconds * 1e6 / calls, checksum);
    }
  }

  /** The ids' sum keeps the JIT from dropping the calls. */
  private static long run(TextTokenizer tokenizer, int calls) {
    long checksum = 0;
    for (int i = 0; i < calls; i++) {
      checksum += tokenizer.tokenize(TEXTS[i % TEXTS.length]).ids()[1];
    }
    return checksum;
  }
}
