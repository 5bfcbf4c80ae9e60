package io.clipserve.server.backend;

/**
 * What an encoder input carries, so callers fill it by meaning whatever the model names it and in
 * whatever order the config lists it.
 */
public enum InputRole {
  /** Normalised image pixels, float32 {@code [3, size, size]} per row. */
  PIXELS,
  /** Token ids, {@code [context_length]} per row. */
  INPUT_IDS,
  /** The tokenizer's attention mask, {@code [context_length]} per row. */
  ATTENTION_MASK
}
