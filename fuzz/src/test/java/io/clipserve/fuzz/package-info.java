/**
 * Jazzer fuzz tests of the code that reads bytes a client or an operator hands the server: image
 * decoding and preprocessing, tokenization (texts, vocab.txt and tokenizer.json files) and the
 * {@code config.pbtxt} reader. Each harness names the exceptions its code documents; any other
 * {@code Throwable}, or an input that runs past Jazzer's per-input timeout, is a finding. Plain
 * {@code mvn verify} runs every harness on its committed inputs under
 * {@code src/test/resources/io/clipserve/fuzz/<Class>Inputs}; {@code JAZZER_FUZZ=1} fuzzes one
 * harness (docs/development.md).
 */
package io.clipserve.fuzz;
