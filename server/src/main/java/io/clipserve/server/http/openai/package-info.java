/**
 * The OpenAI-compatible API on the HTTP port: {@code POST /v1/embeddings} (texts, and images as
 * {@code data:image/...;base64,} URIs) and {@code GET /v1/models}, in OpenAI's request, response
 * and error shapes, so that OpenAI's own clients work. The embeddings are Embed's, through
 * {@link io.clipserve.server.service.EmbeddingCalls} with its limits and quota; http(s) image URLs
 * are refused (nothing is fetched). Controllers run on Micronaut's blocking executor.
 */
package io.clipserve.server.http.openai;
