package io.clipserve.server;

import io.clipserve.server.api.GrpcServerHost;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.registry.ModelManager;
import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.Readiness;
import io.clipserve.server.registry.RepositoryPoller;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up and shutdown order. Start-up, once Micronaut's HTTP server is up: check the
 * repository, bind gRPC (health NOT_SERVING), load the repository, then publish readiness, log
 * the ready line that scripts wait for ({@code clipserve ready: grpc=N http=N models=...}) and
 * start polling the repository.
 *
 * <p>{@link #shutdown()}, on SIGTERM/SIGINT while HTTP still answers: not ready at once (gRPC
 * health and {@code /health/ready}; liveness stays OK), new calls refused, the calls in flight
 * given {@code clipserve.drain-seconds} to finish, then gRPC stopped (cancelling stragglers), the
 * repository no longer polled, and every model version retired and closed. A version's native
 * resources close only after every run on them returned (see {@code LoadedVersion}). Runs once;
 * the launcher's shutdown thread calls it, or Micronaut when the context closes.
 */
@Singleton
public class ServerLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycle.class);

  private final ModelRegistry registry;
  private final ModelManager manager;
  private final RepositoryPoller poller;
  private final GrpcServerHost grpc;
  private final Readiness readiness;
  private final ServerSettings settings;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  public ServerLifecycle(ModelRegistry registry, ModelManager manager, RepositoryPoller poller,
      GrpcServerHost grpc, Readiness readiness, ServerSettings settings) {
    this.registry = registry;
    this.manager = manager;
    this.poller = poller;
    this.grpc = grpc;
    this.readiness = readiness;
    this.settings = settings;
  }

  @EventListener
  public void onStartup(ServerStartupEvent event) {
    long start = System.nanoTime();
    requireRepository(registry.repository());
    try {
      grpc.start();
    } catch (IOException e) {
      throw grpcBindFailure(e);
    }
    try {
      manager.loadAll();
    } catch (IOException e) {
      throw new StartupException("cannot read the model repository " + registry.repository()
          + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("start-up was interrupted", e);
    }
    readiness.started();
    grpc.publishReadiness();
    LOG.info("clipserve ready: grpc={} http={} {} ({} ms)", grpc.port(),
        event.getSource().getPort(), readiness.models(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    poller.start();
  }

  private static void requireRepository(Path repository) {
    String problem = !Files.exists(repository) ? "does not exist"
        : !Files.isDirectory(repository) ? "is not a directory" : null;
    if (problem != null) {
      throw new StartupException("the model repository " + repository + " " + problem
          + "; set it with --model-repository (CLIPSERVE_MODEL_REPOSITORY)");
    }
  }

  /** grpc-netty wraps the bind error (port in use, no permission) in an IOException. */
  private StartupException grpcBindFailure(IOException e) {
    Throwable deepest = e;
    while (deepest.getCause() != null) {
      deepest = deepest.getCause();
    }
    return new StartupException("cannot listen on the gRPC port " + settings.getGrpc().getPort()
        + " (" + deepest.getMessage() + "); choose another with --grpc-port (CLIPSERVE_GRPC_PORT)",
        e);
  }

  /** Drains and stops as the class comment says; later calls do nothing. */
  @PreDestroy
  public void shutdown() {
    if (!shutdown.compareAndSet(false, true)) {
      return;
    }
    long start = System.nanoTime();
    long drainNanos = TimeUnit.SECONDS.toNanos(settings.getDrainSeconds());
    readiness.stopping();
    grpc.beginDrain();
    try {
      boolean drained = grpc.awaitDrained(start + drainNanos);
      LOG.info("clipserve draining {} in {} ms", drained ? "done" : "timed out (clipserve"
          + ".drain-seconds " + settings.getDrainSeconds() + "), cancelling the rest",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      poller.stop();
      grpc.stop();
      // Once the calls are gone each batch still running ends within its run time; the same
      // allowance again bounds the wait for them before exit.
      List<String> open = manager.unloadAll(System.nanoTime() + Math.max(drainNanos,
          TimeUnit.SECONDS.toNanos(10)));
      if (!open.isEmpty()) {
        LOG.error("versions {} still ran at exit; left open rather than closed under a run", open);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("shutdown was interrupted; model versions may be left open");
    }
    LOG.info("clipserve stopped after {} ms",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }
}
