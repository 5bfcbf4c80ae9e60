/**
 * The gRPC face of the server: {@code EmbeddingService} and {@code ModelService} adapters over
 * {@code service} and the KServe v2 {@code inference.GRPCInferenceService}, the one mapping of
 * failures to status codes (gRPC, and HTTP for the HTTP edges), flow-controlled streams, the
 * guards every clipserve call passes (bearer tokens, per-connection quota, malformed messages),
 * the transport (TLS, connection limits), the interceptor that counts, times and traces every
 * call, and the server host that also serves health ({@code grpc.health.v1}, overall and per
 * model name) and reflection (v1 and v1alpha).
 */
package io.clipserve.server.api;
