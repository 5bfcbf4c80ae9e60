package io.clipserve.server.registry;

import io.clipserve.server.DaemonThreads;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.repository.ModelDirectories;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the repository every {@code clipserve.poll-seconds} on its own thread: each model
 * directory is refreshed on the {@link ModelWorkers} (new models load; changed configs or version
 * files reload; models unloaded on request stay unloaded), and models whose directory is gone are
 * unloaded and forgotten. Off when the period is 0. Thread-safe.
 */
@Singleton
public final class RepositoryPoller {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryPoller.class);

  private final ModelRegistry registry;
  private final ModelManager manager;
  private final int periodSeconds;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("repository-poller"));

  public RepositoryPoller(ModelRegistry registry, ModelManager manager, ServerSettings settings) {
    this.registry = registry;
    this.manager = manager;
    this.periodSeconds = settings.getPollSeconds();
  }

  /** Starts polling (when the period is positive); the first look is one period from now. */
  public void start() {
    if (periodSeconds > 0) {
      thread.scheduleWithFixedDelay(this::pollQuietly, periodSeconds, periodSeconds, TimeUnit.SECONDS);
      LOG.info("polling {} every {} s", registry.repository(), periodSeconds);
    }
  }

  /** One look at the repository; public so tests can poll without waiting. */
  public void poll() throws IOException {
    List<String> present = ModelDirectories.list(registry.repository());
    Set<String> gone = new HashSet<>(registry.names());
    present.forEach(gone::remove);
    gone.forEach(manager::forget);
    present.forEach(name -> manager.refreshLater(name, 0));
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (Throwable e) {
      // The next period tries again; an error (even an Error) must not end polling.
      LOG.error("polling {} failed: {}", registry.repository(), e.toString());
    }
  }

  @PreDestroy
  public void stop() {
    thread.shutdownNow();
  }
}
