package io.clipserve.server.preprocess.text;

import java.nio.file.Path;

/**
 * Everything needed to build a model's tokenizer.
 *
 * @param kind which algorithm reads {@code file}
 * @param file vocab.txt (BERT WordPiece), tokenizer.json (Hugging Face) or
 *     bpe_simple_vocab_16e6.txt.gz (OpenAI CLIP BPE), a local file
 * @param lowercase BERT WordPiece only: lower-case and strip accents first
 * @param contextLength tokens per text, special tokens included
 * @param padId id written after the last token
 */
public record TokenizerSpec(Kind kind, Path file, boolean lowercase, int contextLength, long padId) {

  /** Tokenizer algorithms. */
  public enum Kind {
    /** Google BERT's FullTokenizer over a vocab.txt (Chinese-CLIP, QA-CLIP). */
    BERT_WORDPIECE,
    /** A Hugging Face tokenizer.json through DJL (AltCLIP's XLM-R). */
    HF_TOKENIZER_JSON,
    /** open_clip's SimpleTokenizer over OpenAI CLIP's BPE merges, with its text cleaning. */
    OPENAI_CLIP_BPE
  }
}
