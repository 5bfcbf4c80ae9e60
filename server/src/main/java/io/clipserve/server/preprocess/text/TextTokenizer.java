package io.clipserve.server.preprocess.text;

/**
 * A model's tokenizer: text to the ids its text encoder is fed. Implementations are
 * thread-safe; those holding native handles release them in {@link #close()}, after which no
 * thread may call them.
 */
public interface TextTokenizer extends AutoCloseable {

  /** Tokens per text, special tokens included; ids are padded to this length. */
  int contextLength();

  /** Tokenizes one text; never fails on any string (unknown text becomes the unknown token). */
  TokenizedText tokenize(String text);

  @Override
  default void close() {}
}
