/**
 * The gRPC face of the server: {@code EmbeddingService} and {@code ModelService} adapters over
 * {@code service}, the one mapping of failures to status codes (gRPC, and HTTP for the HTTP
 * edges), flow-controlled streams, the guards every clipserve call passes (bearer tokens,
 * per-connection quota, malformed messages), the transport (TLS, connection limits), and the
 * server host that also serves health ({@code grpc.health.v1}, overall and per model name) and
 * reflection.
 */
package io.clipserve.server.api;
