package io.clipserve.server.preprocess.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Hugging Face {@code tokenizer.json} (AltCLIP's XLM-R SentencePiece, OpenAI CLIP's byte-level
 * BPE) run by DJL's binding of the Rust {@code tokenizers} library, as Python's
 * {@code tokenizer(text, truncation=True, max_length=contextLength)} does: special tokens from
 * the file's post-processor, the content cut so the final special token stays, then padded here
 * with the spec's pad id on the right.
 *
 * <p>Owns one native tokenizer, freed by {@link #close()}. Thread-safe: encodes run concurrently
 * (the Rust {@code Tokenizer} is {@code Sync} and DJL's encode only reads it; truncation is set
 * once, here, before any encode), while {@link #close()} waits for running encodes and makes
 * later calls fail instead of touching freed memory.
 */
final class HfTextTokenizer implements TextTokenizer {

  private final HuggingFaceTokenizer tokenizer;
  private final int contextLength;
  private final long padId;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private HfTextTokenizer(HuggingFaceTokenizer tokenizer, int contextLength, long padId) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.padId = padId;
  }

  /**
   * Loads {@code spec.file()}, a local tokenizer.json (nothing is fetched from a hub), once it has
   * passed {@link StrictJsonFile} and {@link NativeTokenizerProbe}: a file that would crash the
   * native library is refused with an {@link IOException} instead of aborting the server.
   */
  static HfTextTokenizer load(TokenizerSpec spec) throws IOException {
    int contextLength = spec.contextLength();
    if (contextLength < 2) {
      throw new IllegalArgumentException("context length must hold two special tokens: " + contextLength);
    }
    String json = StrictJsonFile.read(spec.file());
    NativeTokenizerProbe.requireSafe(json, spec.file(), contextLength, spec.padId());
    return open(json, spec.file(), contextLength, spec.padId());
  }

  /** Loads checked tokenizer.json text in this process; {@code origin} names it in errors. */
  static HfTextTokenizer open(String json, Path origin, int contextLength, long padId)
      throws IOException {
    DjlOffline.ensure();
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "withOverflowingTokens", "false",
        "truncation", "LONGEST_FIRST",
        "maxLength", Integer.toString(contextLength),
        "modelMaxLength", Integer.toString(contextLength),
        "stride", "0",
        "padding", "false");
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.newInstance(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), options);
    } catch (RuntimeException e) { // the native parser reports a bad file as a RuntimeException
      throw new IOException("cannot load tokenizer " + origin + ": " + e.getMessage(), e);
    }
    return new HfTextTokenizer(tokenizer, contextLength, padId);
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public TokenizedText tokenize(String text) {
    Encoding encoding;
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("tokenizer is closed");
      }
      encoding = tokenizer.encode(text);
    } finally {
      lifecycle.readLock().unlock();
    }
    return TokenizedTexts.padded(encoding.getIds(), Arrays.asList(encoding.getTokens()),
        encoding.exceedMaxLength(), contextLength, padId);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        tokenizer.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
