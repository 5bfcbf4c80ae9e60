package io.clipserve.server.api;

import io.clipserve.server.registry.ModelRegistry;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server: EmbeddingService, ModelService, health (overall, and per model name following
 * whether the model has a READY version) and reflection, on the {@link GrpcTransport}; the two
 * clipserve services behind the {@link CallGuards}, health and reflection open. Started once by
 * the lifecycle, stopped at shutdown.
 */
@Singleton
public final class GrpcServerHost {
  private final ModelRegistry registry;
  private final EmbeddingGrpcService embedding;
  private final ModelGrpcService models;
  private final GrpcTransport transport;
  private final CallGuards guards;
  private final HealthStatusManager health = new HealthStatusManager();
  private Server server;

  public GrpcServerHost(ModelRegistry registry, EmbeddingGrpcService embedding,
      ModelGrpcService models, GrpcTransport transport, CallGuards guards) {
    this.registry = registry;
    this.embedding = embedding;
    this.models = models;
    this.transport = transport;
    this.guards = guards;
  }

  /** Binds the port and starts serving; health stays NOT_SERVING until {@link #markServing()}. */
  public synchronized void start() throws IOException {
    health.setStatus("", ServingStatus.NOT_SERVING);
    registry.addListener(this::publishModelHealth);
    registry.list().forEach(info -> publishModelHealth(info.getName()));
    server = transport.builder()
        .addService(guards.guard(embedding))
        .addService(guards.guard(models))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .build()
        .start();
  }

  public synchronized void markServing() {
    health.setStatus("", ServingStatus.SERVING);
  }

  /** The bound port (useful when configured as 0). */
  public synchronized int port() {
    return server.getPort();
  }

  private void publishModelHealth(String model) {
    health.setStatus(model, registry.isReady(model) ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  @PreDestroy
  public synchronized void stop() throws InterruptedException {
    if (server != null) {
      health.enterTerminalState();
      server.shutdown();
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    }
  }
}
