package io.clipserve.server.api;

import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.Readiness;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gRPC server: EmbeddingService, ModelService, health and reflection (v1, and v1alpha for
 * older tools), on the {@link GrpcTransport}; the two clipserve services behind the
 * {@link CallGuards}, health and reflection open; every call counted and traced by
 * {@link GrpcTelemetry}. Health {@code ""} follows {@link Readiness}; each model name follows
 * whether the model has a READY version. Started once by the lifecycle; at shutdown the lifecycle
 * {@link #beginDrain() begins draining} (every health status NOT_SERVING for good, new calls
 * refused by the {@link CallGate}), {@link #awaitDrained waits} for the calls in flight, then
 * {@link #stop() stops} the server. The lifecycle's thread calls those; the registry's listeners
 * may run on any thread.
 */
@Singleton
public final class GrpcServerHost {
  private final ModelRegistry registry;
  private final EmbeddingGrpcService embedding;
  private final ModelGrpcService models;
  private final InferenceGrpcService inference;
  private final GrpcTransport transport;
  private final CallGuards guards;
  private final Readiness readiness;
  private final CallGate gate;
  private final GrpcTelemetry telemetry;
  private final HealthStatusManager health = new HealthStatusManager();
  private final AtomicBoolean draining = new AtomicBoolean();
  private Server server;

  public GrpcServerHost(ModelRegistry registry, EmbeddingGrpcService embedding,
      ModelGrpcService models, GrpcTransport transport, CallGuards guards, Readiness readiness,
      CallGate gate, InferenceGrpcService inference, GrpcTelemetry telemetry) {
    this.inference = inference;
    this.registry = registry;
    this.embedding = embedding;
    this.models = models;
    this.transport = transport;
    this.guards = guards;
    this.readiness = readiness;
    this.gate = gate;
    this.telemetry = telemetry;
  }

  /** Binds the port and starts serving; health {@code ""} stays NOT_SERVING until ready. */
  @SuppressWarnings("deprecation") // ProtoReflectionService is v1alpha, kept for older tools
  public synchronized void start() throws IOException {
    health.setStatus("", ServingStatus.NOT_SERVING);
    registry.addListener(this::publishHealth);
    registry.list().forEach(info -> publishHealth(info.getName()));
    server = transport.builder()
        .intercept(gate)
        .intercept(telemetry) // added last, so it runs first: refused calls count too
        .addService(guards.guard(embedding))
        .addService(guards.guard(models))
        .addService(guards.guard(inference))
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(ProtoReflectionService.newInstance())
        .build()
        .start();
  }

  /** Publishes health {@code ""} as {@link Readiness} has it now (after start-up finished). */
  public void publishReadiness() {
    health.setStatus("", status(readiness.isReady()));
  }

  /** The bound port (useful when configured as 0). */
  public synchronized int port() {
    return server.getPort();
  }

  private void publishHealth(String model) {
    // After enterTerminalState() these are ignored: NOT_SERVING stays.
    health.setStatus(model, status(registry.isReady(model)));
    publishReadiness();
  }

  private static ServingStatus status(boolean serving) {
    return serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  /**
   * Shutdown's first step: every health status NOT_SERVING for good, new calls refused, open
   * streams asked to end after answering what they took in.
   */
  public void beginDrain() {
    if (draining.compareAndSet(false, true)) {
      health.enterTerminalState();
      gate.close();
    }
  }

  /** Waits for the calls in flight, at most until {@code deadlineNanos}; whether all finished. */
  public boolean awaitDrained(long deadlineNanos) throws InterruptedException {
    return gate.awaitIdle(deadlineNanos);
  }

  /**
   * Stops the server: calls still in flight (only after the drain deadline) are cancelled; their
   * queued items are then dropped by the batch workers. Idempotent.
   */
  @PreDestroy
  public synchronized void stop() throws InterruptedException {
    if (server != null && !server.isShutdown()) {
      beginDrain();
      server.shutdown();
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
