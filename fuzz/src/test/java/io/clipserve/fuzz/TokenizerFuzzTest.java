package io.clipserve.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TextTokenizers;
import io.clipserve.server.preprocess.text.TokenizedText;
import io.clipserve.server.preprocess.text.TokenizerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizers: any text (unpaired surrogates, control and combining characters, very long
 * words included) through BERT WordPiece over the bundled model's vocab.txt and through the
 * Hugging Face tokenizer.json fixtures (byte-level BPE, SentencePiece), which must never fail;
 * and fuzzed vocab.txt and tokenizer.json files, whose only documented failures are
 * {@link IOException} and {@link IllegalArgumentException}.
 */
class TokenizerFuzzTest {
  static final List<TextTokenizer> TOKENIZERS = List.of(
      load(new TokenizerSpec(TokenizerSpec.Kind.BERT_WORDPIECE, FuzzFixtures.VOCAB, true, 52, 0)),
      load(new TokenizerSpec(TokenizerSpec.Kind.HF_TOKENIZER_JSON,
          FuzzFixtures.TOKENIZERS.resolve("clip_tiny.json"), false, 77, 0)),
      load(new TokenizerSpec(TokenizerSpec.Kind.HF_TOKENIZER_JSON,
          FuzzFixtures.TOKENIZERS.resolve("xlmr_tiny.json"), false, 77, 1)));
  static final Path SCRATCH = FuzzFixtures.scratch("tokenizer-fuzz");
  static final List<String> TEXTS =
      List.of("", "a photo of a cat", "一只猫坐在垫子上", "Ça café 😀 [CLS]\u0000", "x".repeat(300));

  @FuzzTest(maxDuration = "30s")
  void text(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    for (TextTokenizer tokenizer : TOKENIZERS) {
      requirePadded(tokenizer, tokenizer.tokenize(text));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void vocabFile(byte[] file) {
    fromFile(TokenizerSpec.Kind.BERT_WORDPIECE, "vocab.txt", file);
  }

  @FuzzTest(maxDuration = "30s")
  void tokenizerJsonFile(byte[] file) {
    fromFile(TokenizerSpec.Kind.HF_TOKENIZER_JSON, "tokenizer.json", file);
  }

  /** Loads the input as a tokenizer file and, if it loads, tokenizes a few texts with it. */
  private static void fromFile(TokenizerSpec.Kind kind, String name, byte[] content) {
    Path file = SCRATCH.resolve(name);
    FuzzFixtures.write(file, content);
    TextTokenizer tokenizer;
    try {
      tokenizer = TextTokenizers.load(new TokenizerSpec(kind, file, true, 16, 0));
    } catch (IOException | IllegalArgumentException expected) {
      return;
    }
    try (tokenizer) {
      for (String text : TEXTS) {
        requirePadded(tokenizer, tokenizer.tokenize(text));
      }
    }
  }

  private static void requirePadded(TextTokenizer tokenizer, TokenizedText tokens) {
    assertThat(tokens.ids()).hasSize(tokenizer.contextLength());
    assertThat(tokens.attentionMask()).hasSize(tokenizer.contextLength());
  }

  private static TextTokenizer load(TokenizerSpec spec) {
    try {
      return TextTokenizers.load(spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
