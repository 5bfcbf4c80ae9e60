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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread {@code tokenize()} throughput of the OpenAI CLIP tokenizer (open_clip's
 * SimpleTokenizer port with its ftfy cleaning, context 77) on English captions ({@code clean}:
 * 8 captions, 73 tokens with the special tokens) and on captions needing repair ({@code dirty}:
 * mojibake, entities, curly quotes, full-width letters; 8 texts, 61 tokens). Tokens/s = ops/s times the
 * tokens of the set divided by 8. JMH state: one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OpenClipTokenizerBenchmark {
  private static final String[] CLEAN = {
    "a photo of a cat", "a dog running on the beach at sunset", "two people talking in a cafe",
    "a red sports car parked by the road", "snowy mountains and a lake",
    "a girl in a red dress running in the park", "a bowl of ramen with an egg",
    "an aerial view of a city at night",
  };
  private static final String[] DIRTY = {
    "caf\u00c3\u00a9 cr\u00c3\u00a8me br\u00c3\u00bbl\u00c3\u00a9e", "Tom &amp; Jerry on TV",
    "don\u2019t \u201cstop\u201d me now", "\uff21\uff22\uff23 full width", "\ufb01ne \ufb02owers",
    "\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d text", "\ufeffa photo &lt;of&gt; a dog",
    "\u0420\u045f\u0421\u0402\u0420\u0451\u0420\u0406\u0420\u00b5\u0421\u201a world",
  };

  @Param({"clean", "dirty"})
  public String texts;

  private TextTokenizer tokenizer;
  private String[] set;
  private int next;

  @Setup
  public void load() throws IOException {
    tokenizer = TextTokenizers.load(new TokenizerSpec(TokenizerSpec.Kind.OPENAI_CLIP_BPE,
        TestData.dir().resolve("vocab/bpe_simple_vocab_16e6.txt.gz"), false, 77, 0));
    set = texts.equals("clean") ? CLEAN : DIRTY;
  }

  /** One text; the ids go back to JMH so the call is not optimised away. */
  @Benchmark
  public Object tokenize() {
    next = (next + 1) % set.length;
    return tokenizer.tokenize(set[next]).ids();
  }
}
