/**
 * The HTTP management port (Micronaut's HTTP server): {@code /health/live}, {@code /health/ready}
 * and {@code /metrics} in Prometheus text format; TLS on the port and the bearer-token filter.
 * The KServe v2 REST endpoints are in {@link io.clipserve.server.http.v2}.
 */
package io.clipserve.server.http;
