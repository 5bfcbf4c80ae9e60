package io.clipserve.server.backend;

import io.clipserve.proto.v1.Backend;

/** Loads encoders for one engine. Implementations are thread-safe singletons. */
public interface EncoderProvider {

  /** The config's backend value this provider serves. */
  Backend backend();

  /**
   * Loads {@code spec}; checks that the model's inputs, output and shapes agree with the spec.
   *
   * @throws EncoderException naming the file and what is wrong or missing
   */
  Encoder load(EncoderSpec spec) throws EncoderException;
}
