/**
 * Optional OpenTelemetry tracing: when {@code clipserve.tracing.otlp-endpoint} is set, spans of
 * the gRPC calls ({@code api}) are exported over OTLP/HTTP; otherwise nothing is traced and
 * nothing is started.
 */
package io.clipserve.server.tracing;
