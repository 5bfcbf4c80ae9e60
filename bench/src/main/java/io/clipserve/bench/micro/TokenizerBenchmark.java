package io.clipserve.bench.micro;

import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TextTokenizers;
import io.clipserve.server.preprocess.text.TokenizerSpec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread {@code tokenize()} throughput of the BERT WordPiece tokenizer (Chinese-CLIP's
 * vocabulary from the test data, context 52) on short Chinese and English texts. JMH state: one
 * instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TokenizerBenchmark {
  private static final String[] TEXTS = {
    "一只猫的照片", "一张狗的照片。", "海边的日落", "穿红色衣服的女孩在公园里跑步",
    "a photo of a cat", "两个人在咖啡馆里聊天", "雪山和湖泊的风景", "一辆红色的跑车停在路边",
  };

  private TextTokenizer tokenizer;
  private int next;

  @Setup
  public void load() throws IOException {
    tokenizer = TextTokenizers.load(new TokenizerSpec(TokenizerSpec.Kind.BERT_WORDPIECE,
        TestData.dir().resolve("vocab/chinese-clip-vocab.txt"), true, 52, 0));
  }

  @TearDown
  public void close() {
    tokenizer.close();
  }

  /** One short text; the ids go back to JMH so the call is not optimised away. */
  @Benchmark
  public Object tokenize() {
    next = (next + 1) % TEXTS.length;
    return tokenizer.tokenize(TEXTS[next]).ids();
  }
}
