/**
 * The HTTP management port (Micronaut's HTTP server): {@code /health/live}, {@code /health/ready}
 * and {@code /metrics} (the metrics registry in Prometheus text or OpenMetrics); the filter that
 * counts and times HTTP requests; TLS on the port and the bearer-token filter.
 */
package io.clipserve.server.http;
