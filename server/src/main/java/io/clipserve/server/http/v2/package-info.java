/**
 * The KServe v2 / Open Inference Protocol over HTTP/JSON on the HTTP port: {@code /v2},
 * {@code /v2/health/live|ready}, {@code /v2/models/{m}}, {@code /v2/models/{m}/ready} and
 * {@code POST /v2/models/{m}/infer}. A thin transport over {@link io.clipserve.server.oip}: JSON
 * is turned into the gRPC messages ({@link io.clipserve.server.http.v2.V2Json}) and answered by
 * the same {@link io.clipserve.server.oip.V2Inference} and
 * {@link io.clipserve.server.oip.V2Models}; failures become an HTTP status with
 * {@code {"error": message}} ({@link io.clipserve.server.http.v2.V2HttpErrors}). Stateless; any
 * thread.
 */
package io.clipserve.server.http.v2;
