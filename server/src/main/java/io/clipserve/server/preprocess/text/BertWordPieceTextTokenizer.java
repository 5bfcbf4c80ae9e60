package io.clipserve.server.preprocess.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chinese-CLIP / QA-CLIP text tokenization: BERT's {@code FullTokenizer} (basic tokenizer, then
 * WordPiece with at most 200 code points per word) wrapped as Chinese-CLIP's {@code tokenize()}
 * does, {@code [CLS] + pieces[:contextLength - 2] + [SEP]}, padded with the spec's pad id.
 * Special-token strings in the text are ordinary text. Pure Java, immutable and thread-safe.
 */
final class BertWordPieceTextTokenizer implements TextTokenizer {

  static final String CLS = "[CLS]";
  static final String SEP = "[SEP]";
  static final String UNK = "[UNK]";
  static final int MAX_INPUT_CHARS_PER_WORD = 200;

  private final BertBasicTokenizer basic;
  private final WordPieceTokenizer wordPiece;
  private final int contextLength;
  private final long padId;
  private final int clsId;
  private final int sepId;

  private BertWordPieceTextTokenizer(BertVocabulary vocab, boolean lowercase, int contextLength,
      long padId) throws IOException {
    if (contextLength < 2) {
      throw new IllegalArgumentException("context length must hold [CLS] and [SEP]: " + contextLength);
    }
    this.basic = new BertBasicTokenizer(lowercase);
    this.wordPiece = new WordPieceTokenizer(vocab, UNK, vocab.requireId(UNK), MAX_INPUT_CHARS_PER_WORD);
    this.contextLength = contextLength;
    this.padId = padId;
    this.clsId = vocab.requireId(CLS);
    this.sepId = vocab.requireId(SEP);
  }

  /** Reads {@code spec.file()} as a BERT vocab.txt. */
  static BertWordPieceTextTokenizer load(TokenizerSpec spec) throws IOException {
    return new BertWordPieceTextTokenizer(
        BertVocabulary.load(spec.file()), spec.lowercase(), spec.contextLength(), spec.padId());
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public TokenizedText tokenize(String text) {
    PieceBuffer pieces = new PieceBuffer(contextLength - 2);
    // Stops at the first piece that does not fit: the rest of a long text is never tokenized.
    basic.tokenize(text, word -> {
      wordPiece.tokenize(word, pieces);
      return !pieces.overflowed();
    });
    int count = pieces.size();
    long[] ids = new long[count + 2];
    List<String> tokens = new ArrayList<>(count + 2);
    ids[0] = clsId;
    tokens.add(CLS);
    for (int i = 0; i < count; i++) {
      ids[i + 1] = pieces.id(i);
      tokens.add(pieces.token(i));
    }
    ids[count + 1] = sepId;
    tokens.add(SEP);
    return TokenizedTexts.padded(ids, tokens, pieces.overflowed(), contextLength, padId);
  }
}
