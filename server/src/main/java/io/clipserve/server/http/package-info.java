/**
 * The HTTP port (Micronaut's HTTP server): {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} in Prometheus text format; TLS on the port, the bearer-token filter, the body
 * size limit, and what HTTP calls get from their connection (quota, cancellation). The REST and
 * OpenAI-compatible APIs are in {@code http.rest} and {@code http.openai}.
 */
package io.clipserve.server.http;
