package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HfTextTokenizer}'s lifecycle, concurrency and failure modes. */
class HfTextTokenizerTest {

  @Test
  void loneSurrogatesDoNotReachTheNativeSideAsInvalidText() throws IOException {
    // gRPC strings cannot carry them; a direct caller still gets a result, not a crash.
    try (TextTokenizer clip = TextTokenizers.load(HfFixtures.spec(HfFixtures.CLIP, 77, 0))) {
      TokenizedText t = clip.tokenize("a\ud800b\udc00");
      assertThat(t.tokens()).startsWith("<|startoftext|>", "a</w>").endsWith("<|endoftext|>");
    }
  }

  @Test
  void concurrentCallsGiveTheSequentialResults() throws Exception {
    String[] texts = {"a photo of a cat", "the dog", "一只猫的照片", "cats", "", "a zebra"};
    TextTokenizer xlmr = TextTokenizers.load(HfFixtures.spec(HfFixtures.XLMR, 77, 1));
    List<long[]> sequential = new ArrayList<>();
    for (String text : texts) {
      sequential.add(xlmr.tokenize(text).ids());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 500; round++) {
            int i = round % texts.length;
            if (!Arrays.equals(xlmr.tokenize(texts[i]).ids(), sequential.get(i))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
      xlmr.close();
    }
  }

  @Test
  void closedTokenizerRefusesWorkAndClosesOnce() throws IOException {
    TextTokenizer tokenizer = TextTokenizers.load(HfFixtures.spec(HfFixtures.CLIP, 77, 0));
    tokenizer.close();
    tokenizer.close();
    assertThatThrownBy(() -> tokenizer.tokenize("a")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unreadableFilesAreIoExceptions(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": 42}");
    assertThatThrownBy(() -> TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.HF_TOKENIZER_JSON, broken, false, 77, 1)))
        .isInstanceOf(IOException.class).hasMessageContaining(broken.toString());
    assertThatThrownBy(() -> TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.HF_TOKENIZER_JSON, dir.resolve("missing.json"), false, 77, 1)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aFileThatKillsTheNativeLibraryIsRefusedAndThisJvmLives() throws IOException {
    // Strict JSON that the Rust library loads, then panics on while encoding (apply_template
    // looks up "<x>", which special_tokens lacks): in-process, that aborts the JVM.
    Path file = TestFiles.resource("tokenizers/template_names_undefined_special_token.json");
    assertThatThrownBy(() -> TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.HF_TOKENIZER_JSON, file, false, 77, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("crashes the native tokenizers library")
        .hasMessageContaining("panicked");
    try (TextTokenizer xlmr = TextTokenizers.load(HfFixtures.spec(HfFixtures.XLMR, 77, 1))) {
      assertThat(xlmr.tokenize("a photo of a cat").tokens()).startsWith("<s>");
    }
  }
}
