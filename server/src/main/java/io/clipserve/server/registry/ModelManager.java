package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.repository.ModelDirectories;
import io.clipserve.server.repository.ModelNames;
import io.clipserve.server.repository.VersionReadiness;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Changes what the {@link ModelRegistry} serves: start-up, LoadModel, UnloadModel and shutdown
 * here; the poller's refreshes and re-checks of versions still being copied through the
 * {@link ModelRefresher}. Every change to a model runs under that model's lock. Explicit semantics
 * as Triton's: a model (or version) unloaded on request stays unloaded, whatever the poller sees,
 * until LoadModel. Thread-safe.
 */
@Singleton
public final class ModelManager {
  private final ModelRegistry registry;
  private final long stabilityMillis;
  private final VersionSwitcher switcher;
  private final ModelRefresher refresher;
  private final VersionLoader loader;
  private final ModelWorkers workers;

  public ModelManager(ModelRegistry registry, ServerSettings settings, VersionLoader loader, ModelWorkers workers) {
    this.registry = registry;
    this.loader = loader;
    this.workers = workers;
    this.stabilityMillis = settings.getRepository().getStabilityMs();
    this.switcher = new VersionSwitcher(loader);
    this.refresher = new ModelRefresher(registry, workers, new VersionReadiness(stabilityMillis), switcher);
  }

  /**
   * Loads every model of the repository (a broken model fails alone), then waits a bounded time
   * for versions whose files are still settling, so a freshly copied repository serves at once.
   */
  public void loadAll() throws IOException, InterruptedException {
    for (String name : ModelDirectories.list(registry.repository())) {
      ModelEntry entry = registry.entry(name);
      entry.exclusively(() -> refresher.refresh(entry, false));
      registry.notifyListeners(name);
    }
    long deadline = System.currentTimeMillis() + 2 * stabilityMillis + 1000;
    while (System.currentTimeMillis() < deadline
        && registry.entries().stream().anyMatch(ModelEntry::isSettling)) {
      Thread.sleep(20);
    }
  }

  /**
   * LoadModel: serves the model again if it was unloaded (version 0: every version; N: version N)
   * and (re)reads its directory now, trying FAILED versions again.
   */
  public ModelInfo load(String name, long version) {
    Path dir = registry.repository().resolve(ModelNames.require(name));
    if (!Files.isDirectory(dir)) {
      throw ServingException.notFound("model '" + name + "' is not in the repository");
    }
    if (version != 0 && !Files.isDirectory(dir.resolve(Long.toString(version)))) {
      throw ServingException.notFound("model '" + name + "' has no version directory " + version);
    }
    ModelEntry entry = registry.entry(name);
    entry.exclusively(() -> {
      entry.loadRequested(version);
      refresher.refresh(entry, true);
    });
    registry.notifyListeners(name);
    return entry.toProto();
  }

  /**
   * UnloadModel: stops serving the model (version 0) or one version, requests in flight finishing
   * first; for one version, the versions the policy picks instead load before it is retired.
   */
  public void unload(String name, long version) {
    ModelEntry entry = registry.requireEntry(ModelNames.require(name));
    entry.exclusively(() -> {
      if (version == 0) {
        entry.unloadRequested(0);
        switcher.retireAll(entry, "unloaded on request");
      } else if (entry.status(version) == null) {
        throw ServingException.notFound("model '" + name + "' has no version " + version);
      } else {
        entry.unloadRequested(version);
        refresher.refresh(entry, false);
      }
    });
    registry.notifyListeners(name);
  }

  /** Queues a re-read of a model's directory after {@code delayMillis}, at most one per model. */
  public void refreshLater(String name, long delayMillis) {
    refresher.refreshLater(name, delayMillis);
  }

  /** The model's directory left the repository: retires its versions and forgets it. */
  public void forget(String name) {
    refresher.forget(name);
  }

  /**
   * Shutdown: stops changing anything (queued re-reads are dropped, running loads finish), retires
   * every version and waits until each has closed its resources, which happens only after its
   * last request was answered and its batch workers ended. Waits at most until
   * {@code deadlineNanos} ({@link System#nanoTime()}); a version still running then is left open
   * for the process exit to reclaim rather than closed under a run.
   *
   * @return the versions still open at the deadline, as {@code name/version}
   */
  public List<String> unloadAll(long deadlineNanos) throws InterruptedException {
    refresher.close();
    workers.finish(deadlineNanos);
    for (ModelEntry entry : registry.entries()) {
      entry.exclusively(() -> switcher.retireAll(entry, "the server is shutting down"));
      registry.notifyListeners(entry.name());
    }
    return loader.awaitClosed(deadlineNanos);
  }
}
