/**
 * What a call does, whatever transport carried it: the checks, admission and inference behind
 * each EmbeddingService and ModelService call, answered as a future of the proto response. The
 * gRPC services ({@code api}) and the HTTP controllers ({@code http.rest}, {@code http.openai})
 * are thin adapters over these classes; failures stay {@link io.clipserve.server.ServingException}s
 * until an edge maps them. Every class here is thread-safe.
 */
package io.clipserve.server.service;
