/**
 * The encoders of one loaded model version as callers use them: an image or text
 * {@code *Pipeline} joins a preprocessor (decode and resize, or tokenise) to the encoder's
 * {@link io.clipserve.server.batching.DynamicBatcher}, and a
 * {@link io.clipserve.server.pipeline.LabelEmbeddingCache} keeps Classify's label embeddings.
 * Images reach the shared decode pool through a per-request lane, so requests interleave on it.
 */
package io.clipserve.server.pipeline;
