/**
 * The metrics registry behind {@code /metrics} (the Prometheus Java client): JVM and process
 * collectors, the batchers' counters, histograms and queue lengths, and model states, all read at
 * scrape time. The gRPC interceptor ({@code api}) and the HTTP filter ({@code http}) register
 * their request metrics on the same registry.
 */
package io.clipserve.server.metrics;
