package io.clipserve.client;

import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.ModelServiceGrpc;
import java.util.List;
import java.util.Map;

/**
 * The gRPC service config the client's own channels get (the JSON of docs/scale-out.md, as the
 * {@code Map} grpc-java takes): retries with backoff on UNAVAILABLE for every clipserve method,
 * and, over several replicas, {@code round_robin} with gRPC health checking of service {@code ""}
 * so that a replica that drains (NOT_SERVING) or dies stops being picked. Every clipserve call is
 * safe to repeat: inference has no side effect, and loading or unloading a model twice ends in the
 * same state. Stateless.
 */
final class ServiceConfig {

  /** Attempts per call, the first included. */
  static final int MAX_ATTEMPTS = 5;

  /** The services whose every method the retry policy names. */
  static final List<String> SERVICES = List.of(EmbeddingServiceGrpc.SERVICE_NAME,
      ModelServiceGrpc.SERVICE_NAME);

  private ServiceConfig() {
  }

  /** Several replicas: round_robin over the healthy ones, and retries. */
  static Map<String, Object> balanced() {
    return Map.of(
        "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
        // The server's overall status: NOT_SERVING until ready and for good once draining.
        "healthCheckConfig", Map.of("serviceName", ""),
        "methodConfig", methodConfig());
  }

  /** One address: nothing to balance or probe, but retries (a restarted server comes back). */
  static Map<String, Object> retriesOnly() {
    return Map.of("methodConfig", methodConfig());
  }

  private static List<Object> methodConfig() {
    return List.of(Map.of(
        "name", SERVICES.stream().map(service -> Map.of("service", service)).toList(),
        "retryPolicy", Map.of(
            // grpc-java's parser wants JSON numbers as Double.
            "maxAttempts", (double) MAX_ATTEMPTS,
            "initialBackoff", "0.1s",
            "maxBackoff", "2s",
            "backoffMultiplier", 2.0,
            "retryableStatusCodes", List.of("UNAVAILABLE"))));
  }
}
