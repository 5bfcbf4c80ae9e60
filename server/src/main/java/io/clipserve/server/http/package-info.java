/**
 * The HTTP management port (Micronaut's HTTP server): {@code /health/live}, {@code /health/ready}
 * and {@code /metrics} in Prometheus text format.
 */
package io.clipserve.server.http;
