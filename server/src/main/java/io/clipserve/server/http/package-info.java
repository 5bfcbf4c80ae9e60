/**
 * The HTTP port (Micronaut's HTTP server): {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} (the metrics registry in Prometheus text or OpenMetrics); the filter that
 * counts and times HTTP requests; TLS on the port, the bearer-token filter, the body size limit,
 * and what HTTP calls get from their connection (quota, cancellation). The REST,
 * OpenAI-compatible and KServe v2 REST APIs are in {@code http.rest}, {@code http.openai} and
 * {@link io.clipserve.server.http.v2}.
 */
package io.clipserve.server.http;
