/**
 * Turns request content into encoder input tensors, exactly as the reference pipelines do.
 *
 * <p>Images: decode, convert to RGB as Pillow's {@code convert('RGB')}, resize with Pillow's
 * antialiased fixed-point bicubic ({@link io.clipserve.server.preprocess.ImageSpec.Resize}),
 * scale to [0, 1] and normalise, written channel-major into a caller's buffer. Text: the model's
 * tokenizer ({@link io.clipserve.server.preprocess.TextTokenizers#load}: a Java port of
 * Chinese-CLIP's BERT WordPiece, or a Hugging Face tokenizer.json through DJL) to padded ids and
 * a mask; see docs/tokenizers.md.
 *
 * <p>Everything here is pure Java or owns its native handles itself, is thread-safe after
 * construction, and knows nothing of gRPC or of the model repository.
 */
package io.clipserve.server.preprocess;
