/**
 * End-to-end exactness: identity probe models served by the real server show the tensors that
 * reached the encoders, which must equal the Python reference pipelines' bit for bit; the tiny
 * seeded model's embeddings must equal torch's. See docs/exactness.md.
 */
package io.clipserve.server.exactness;
