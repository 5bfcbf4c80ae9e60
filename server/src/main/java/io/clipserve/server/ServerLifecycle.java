package io.clipserve.server;

import io.clipserve.server.api.GrpcServerHost;
import io.clipserve.server.registry.ModelManager;
import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.RepositoryPoller;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up order once Micronaut's HTTP server is up: bind gRPC (health NOT_SERVING), load the
 * repository, then mark health SERVING, log the ready line that scripts wait for, and start
 * polling the repository.
 */
@Singleton
public class ServerLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLifecycle.class);

  private final ModelRegistry registry;
  private final ModelManager manager;
  private final RepositoryPoller poller;
  private final GrpcServerHost grpc;
  private volatile boolean ready;

  public ServerLifecycle(ModelRegistry registry, ModelManager manager, RepositoryPoller poller,
      GrpcServerHost grpc) {
    this.registry = registry;
    this.manager = manager;
    this.poller = poller;
    this.grpc = grpc;
  }

  @EventListener
  public void onStartup(ServerStartupEvent event) {
    try {
      grpc.start();
      manager.loadAll();
    } catch (IOException e) {
      throw new UncheckedIOException("clipserve cannot start: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("clipserve start-up was interrupted", e);
    }
    grpc.markServing();
    ready = true;
    LOG.info("clipserve ready: grpc={} http={} models={}", grpc.port(), event.getSource().getPort(),
        registry.list().size());
    poller.start();
  }

  /** Whether start-up has finished: gRPC is serving and the repository has been read. */
  public boolean isReady() {
    return ready;
  }

  @PreDestroy
  public void shutdown() {
    ready = false;
    poller.stop();
    manager.unloadAll();
  }
}
