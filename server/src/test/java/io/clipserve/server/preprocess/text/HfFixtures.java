package io.clipserve.server.preprocess.text;

import java.util.Arrays;

/** The tiny tokenizer.json fixtures of tools/make_tokenizer_fixtures.py, and padding for expectations. */
final class HfFixtures {

  static final String XLMR = "tokenizers/xlmr_tiny.json";
  static final String CLIP = "tokenizers/clip_tiny.json";

  private HfFixtures() {}

  static TokenizerSpec spec(String resource, int contextLength, long padId) {
    return new TokenizerSpec(TokenizerSpec.Kind.HF_TOKENIZER_JSON, TestFiles.resource(resource),
        false, contextLength, padId);
  }

  static long[] padded(int contextLength, long padId, long... ids) {
    long[] out = Arrays.copyOf(ids, contextLength);
    Arrays.fill(out, ids.length, contextLength, padId);
    return out;
  }
}
