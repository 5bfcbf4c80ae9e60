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

  @FuzzTest(maxDuration = "30s")
  void text(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    for (TextTokenizer tokenizer : TOKENIZERS) {
      requirePadded(tokenizer, tokenizer.tokenize(text));
    }
  }

  @FuzzTest(maxDuration = "30s")
  void vocabFile(FuzzedDataProvider data) {
    fromFile(TokenizerSpec.Kind.BERT_WORDPIECE, "vocab.txt", data);
  }

  @FuzzTest(maxDuration = "30s")
  void tokenizerJsonFile(FuzzedDataProvider data) {
    fromFile(TokenizerSpec.Kind.HF_TOKENIZER_JSON, "tokenizer.json", data);
  }

  /** Loads a fuzzed file (the input's tail) and tokenizes a fuzzed text (its head) with it. */
  private static void fromFile(TokenizerSpec.Kind kind, String name, FuzzedDataProvider data) {
    String text = data.consumeString(200);
    Path file = SCRATCH.resolve(name);
    FuzzFixtures.write(file, data.consumeRemainingAsBytes());
    TextTokenizer tokenizer;
    try {
      tokenizer = TextTokenizers.load(new TokenizerSpec(kind, file, true, 16, 0));
    } catch (IOException | IllegalArgumentException expected) {
      return;
    }
    try (tokenizer) {
      requirePadded(tokenizer, tokenizer.tokenize(text));
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
