package io.clipserve.server.pipeline;

import io.clipserve.server.backend.InputRole;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.batching.Reservation;
import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TokenizedText;
import java.util.concurrent.CompletableFuture;

/**
 * Text to raw text-encoder output: tokenising on the caller's thread (it costs microseconds),
 * inference through the encoder's batcher. Thread-safe.
 */
public final class TextPipeline {
  private final TextTokenizer tokenizer;
  private final DynamicBatcher batcher;
  private final boolean feedsAttentionMask;
  private final boolean outputNormalized;

  public TextPipeline(TextTokenizer tokenizer, DynamicBatcher batcher, boolean feedsAttentionMask,
      boolean outputNormalized) {
    this.tokenizer = tokenizer;
    this.batcher = batcher;
    this.feedsAttentionMask = feedsAttentionMask;
    this.outputNormalized = outputNormalized;
  }

  public DynamicBatcher batcher() {
    return batcher;
  }

  public boolean outputNormalized() {
    return outputNormalized;
  }

  public TokenizedText tokenize(String text) {
    return tokenizer.tokenize(text);
  }

  /** Encodes tokenized text in a slot of {@code room}. */
  public CompletableFuture<float[]> encode(TokenizedText text, Reservation room, CallScope scope) {
    return batcher.submit(room, (tensors, row) -> {
      tensors.putIds(InputRole.INPUT_IDS, row, text.ids());
      if (feedsAttentionMask) {
        tensors.putIds(InputRole.ATTENTION_MASK, row, text.attentionMask());
      }
    }, scope);
  }
}
