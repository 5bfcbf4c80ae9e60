/**
 * Turns request text into padded token ids and an attention mask, exactly as the model's reference
 * tokenizer does.
 *
 * <p>{@link io.clipserve.server.preprocess.text.TextTokenizers#load} picks the model's tokenizer: a
 * Java port of Chinese-CLIP's BERT WordPiece, a Hugging Face tokenizer.json through DJL, or a Java
 * port of open_clip's SimpleTokenizer with its ftfy cleaning (package {@code ftfy}); see
 * docs/tokenization.md.
 *
 * <p>A tokenizer.json reaches native code only after {@code StrictJsonFile} and
 * {@code NativeTokenizerProbe} (a test load in a child JVM) have passed it: a panic in the Rust
 * library would abort the server.
 *
 * <p>Everything here is pure Java or owns its native handles itself (a DJL tokenizer is freed by
 * {@code close}), is thread-safe after construction, and knows nothing of gRPC, of the model
 * repository or of images.
 */
package io.clipserve.server.preprocess.text;
