package io.clipserve.server.inference;

/**
 * One input's embedding.
 *
 * @param vector L2-normalised unless the caller asked for the raw encoder output
 * @param truncated the text was longer than the context length
 */
record EncodedInput(float[] vector, boolean truncated) {}
