package io.clipserve.server.preprocess.text;

import java.io.IOException;

/** Builds the {@link TextTokenizer} a {@link TokenizerSpec} describes. Stateless. */
public final class TextTokenizers {

  private TextTokenizers() {}

  /**
   * Loads the tokenizer; the caller owns it and closes it when the model is unloaded.
   *
   * @throws IOException the file is missing or unreadable, or lacks a required special token
   * @throws IllegalArgumentException the context length cannot hold the special tokens
   */
  public static TextTokenizer load(TokenizerSpec spec) throws IOException {
    switch (spec.kind()) {
      case BERT_WORDPIECE:
        return BertWordPieceTextTokenizer.load(spec);
      case HF_TOKENIZER_JSON:
        return HfTextTokenizer.load(spec);
      case OPENAI_CLIP_BPE:
        return OpenClipTextTokenizer.load(spec);
      default:
        throw new IllegalArgumentException("unknown tokenizer kind " + spec.kind());
    }
  }
}
