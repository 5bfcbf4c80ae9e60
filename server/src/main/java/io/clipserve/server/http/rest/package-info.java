/**
 * REST/JSON on the HTTP port for every EmbeddingService and ModelService call, under
 * {@code /api/v1}: request and response bodies are the proto messages in protobuf's canonical
 * JSON mapping, failures an HTTP status with {@code {"code", "message"}} from the one failure
 * table ({@link io.clipserve.server.api.GrpcErrors}). The controllers only translate: the calls
 * themselves are {@link io.clipserve.server.service}'s, the same as gRPC's. Controllers run on
 * Micronaut's blocking executor (bodies are parsed there, not on the event loop).
 */
package io.clipserve.server.http.rest;
