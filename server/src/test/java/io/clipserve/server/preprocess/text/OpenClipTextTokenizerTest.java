package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, limits, hostile input and concurrency of the open_clip tokenizer port. */
class OpenClipTextTokenizerTest {
  @TempDir
  Path dir;

  private static TokenizerSpec spec(Path file, int contextLength) {
    return new TokenizerSpec(TokenizerSpec.Kind.OPENAI_CLIP_BPE, file, false, contextLength, 0);
  }

  @Test
  void theMergesLoadGzippedOrPlainWithTheSameIds() throws IOException {
    Path plain = dir.resolve("bpe.txt");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(TestFiles.openClipBpe()))) {
      Files.write(plain, in.readAllBytes());
    }
    TextTokenizer gz = TextTokenizers.load(spec(TestFiles.openClipBpe(), 77));
    TextTokenizer txt = TextTokenizers.load(spec(plain, 77));
    assertThat(txt.tokenize("a photo of a cat").ids())
        .isEqualTo(gz.tokenize("a photo of a cat").ids());
    assertThat(gz.tokenize("a photo of a cat").tokens())
        .containsExactly("<start_of_text>", "a</w>", "photo</w>", "of</w>", "a</w>", "cat</w>",
            "<end_of_text>");
  }

  @Test
  void aMissingOrShortMergesFileFailsNamingIt() throws IOException {
    assertThatThrownBy(() -> TextTokenizers.load(spec(dir.resolve("none.txt.gz"), 77)))
        .isInstanceOf(IOException.class).hasMessageContaining("none.txt.gz");
    Path shortFile = Files.writeString(dir.resolve("short.txt"), "#version\nh e\n");
    assertThatThrownBy(() -> TextTokenizers.load(spec(shortFile, 77)))
        .isInstanceOf(IOException.class).hasMessageContaining("holds 2 merge lines")
        .hasMessageContaining("needs 48894");
    Path notMerges = Files.writeString(dir.resolve("bad.txt"), "#v\n" + "abc\n".repeat(48_894));
    assertThatThrownBy(() -> TextTokenizers.load(spec(notMerges, 77)))
        .isInstanceOf(IOException.class).hasMessageContaining("line 2");
  }

  @Test
  void theContextLengthMustHoldBothSpecialTokens() {
    assertThatThrownBy(() -> TextTokenizers.load(spec(TestFiles.openClipBpe(), 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<end_of_text>");
    TextTokenizer two = assertNoThrow(spec(TestFiles.openClipBpe(), 2));
    assertThat(two.tokenize("a cat").tokens()).containsExactly("<start_of_text>", "<end_of_text>");
    assertThat(two.tokenize("a cat").truncated()).isTrue();
    assertThat(two.tokenize("").truncated()).isFalse();
  }

  @Test
  void aHugeTextIsCutAtTheContextLengthInBoundedTime() {
    TextTokenizer tokenizer = assertNoThrow(spec(TestFiles.openClipBpe(), 77));
    String huge = "the quick brown fox ".repeat(200_000) + "&amp; caf\u00c3\u00a9";
    TokenizedText out = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> tokenizer.tokenize(huge));
    assertThat(out.truncated()).isTrue();
    assertThat(out.tokens()).hasSize(77).endsWith("<end_of_text>");
    String distinct = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      StringBuilder words = new StringBuilder();
      for (int i = 0; i < 200_000; i++) {
        words.append(Integer.toString(i, 36)).append("x ");
      }
      return words.toString();
    });
    assertThat(tokenizer.tokenize(distinct).truncated()).isTrue();
  }

  @Test
  void concurrentCallersGetWhatOneCallerGets() throws Exception {
    TextTokenizer tokenizer = assertNoThrow(spec(TestFiles.openClipBpe(), 77));
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add("photo " + i + " of caf\u00c3\u00a9 number" + (i * 7919) + " \u201cq\u201d");
    }
    List<long[]> sequential = texts.stream().map(t -> tokenizer.tokenize(t).ids()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (String text : texts) {
        futures.add(pool.submit(() -> tokenizer.tokenize(text).ids()));
      }
      for (int i = 0; i < texts.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void linesThatCleanToNothingAreSkipped() {
    TextTokenizer tokenizer = assertNoThrow(spec(TestFiles.openClipBpe(), 77));
    assertThat(tokenizer.tokenize("\u0000\n\ufeff\n \ncat\n\u0007").tokens())
        .containsExactly("<start_of_text>", "cat</w>", "<end_of_text>");
    assertThat(tokenizer.tokenize("\u0000").tokens())
        .containsExactly("<start_of_text>", "<end_of_text>");
  }

  private static TextTokenizer assertNoThrow(TokenizerSpec spec) {
    try {
      return TextTokenizers.load(spec);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
