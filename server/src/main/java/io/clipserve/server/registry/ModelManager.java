package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.repository.ConfigException;
import io.clipserve.server.repository.ModelDirectories;
import io.clipserve.server.repository.ModelNames;
import io.clipserve.server.repository.VersionReadiness;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes what the {@link ModelRegistry} serves: start-up, the poller's refreshes, re-checks of
 * versions still being copied, LoadModel and UnloadModel. Every change to a model runs under that
 * model's lock. Explicit semantics as Triton's: a model (or version) unloaded on request stays
 * unloaded, whatever the poller sees, until LoadModel. Thread-safe.
 */
@Singleton
public final class ModelManager {
  private static final Logger LOG = LoggerFactory.getLogger(ModelManager.class);

  private final ModelRegistry registry;
  private final ModelWorkers workers;
  private final long stabilityMillis;
  private final VersionReadiness readiness;
  private final VersionSwitcher switcher;
  private final ModelReconciler reconciler;
  private volatile boolean closed;

  public ModelManager(ModelRegistry registry, ServerSettings settings, VersionLoader loader, ModelWorkers workers) {
    this.registry = registry;
    this.workers = workers;
    this.stabilityMillis = settings.getRepository().getStabilityMs();
    this.readiness = new VersionReadiness(stabilityMillis);
    this.switcher = new VersionSwitcher(loader);
    this.reconciler = new ModelReconciler(switcher, readiness);
  }

  /**
   * Loads every model of the repository (a broken model fails alone), then waits a bounded time
   * for versions whose files are still settling, so a freshly copied repository serves at once.
   */
  public void loadAll() throws IOException, InterruptedException {
    for (String name : ModelDirectories.list(registry.repository())) {
      ModelEntry entry = registry.entry(name);
      synchronized (entry) {
        refresh(entry, false);
      }
      registry.notifyListeners(name);
    }
    long deadline = System.currentTimeMillis() + 2 * stabilityMillis + 1000;
    while (System.currentTimeMillis() < deadline && registry.entries().stream().anyMatch(e -> e.settling)) {
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
      throw ServingException.notFound("model '" + name + "' is not in the repository " + registry.repository());
    }
    if (version != 0 && !Files.isDirectory(dir.resolve(Long.toString(version)))) {
      throw ServingException.notFound("model '" + name + "' has no version directory " + version);
    }
    ModelEntry entry = registry.entry(name);
    synchronized (entry) {
      entry.unloaded = false;
      if (version == 0) {
        entry.unloadedVersions.clear();
      } else {
        entry.unloadedVersions.remove(version);
      }
      refresh(entry, true);
    }
    registry.notifyListeners(name);
    return entry.toProto();
  }

  /**
   * UnloadModel: stops serving the model (version 0) or one version, requests in flight finishing
   * first; for one version, the versions the policy picks instead load before it is retired.
   */
  public void unload(String name, long version) {
    ModelEntry entry = registry.requireEntry(ModelNames.require(name));
    synchronized (entry) {
      if (version == 0) {
        entry.unloaded = true;
        switcher.retireAll(entry, "unloaded on request");
      } else if (!entry.versions.containsKey(version)) {
        throw ServingException.notFound("model '" + name + "' has no version " + version);
      } else {
        entry.unloadedVersions.add(version);
        refresh(entry, false);
      }
    }
    registry.notifyListeners(name);
  }

  /** Queues a re-read of a model's directory after {@code delayMillis}, at most one per model. */
  public void refreshLater(String name, long delayMillis) {
    ModelEntry entry = registry.entry(name);
    if (closed || !entry.refreshQueued.compareAndSet(false, true)) {
      return;
    }
    workers.schedule(() -> {
      entry.refreshQueued.set(false);
      synchronized (entry) {
        if (closed || !registry.holds(entry)) {
          return;
        }
        refresh(entry, false);
      }
      registry.notifyListeners(name);
    }, delayMillis);
  }

  /** The model's directory left the repository: retires its versions and forgets it. */
  public void forget(String name) {
    ModelEntry entry = registry.remove(name);
    if (entry != null) {
      synchronized (entry) {
        switcher.retireAll(entry, "the model directory was removed");
      }
      readiness.forget(registry.repository().resolve(name));
      registry.notifyListeners(name);
    }
  }

  /** Runs under the entry's lock; a model unloaded on request is left alone. */
  private void refresh(ModelEntry entry, boolean retryFailed) {
    if (entry.unloaded) {
      return;
    }
    try {
      long recheck = reconciler.reconcile(entry, registry.repository().resolve(entry.name), retryFailed);
      if (recheck > 0) {
        refreshLater(entry.name, recheck);
      }
    } catch (ConfigException | IOException e) {
      entry.reason = String.valueOf(e.getMessage());
      LOG.error("model {}: {} (what it serves stays as it was)", entry.name, e.getMessage());
    }
  }

  /** Retires every version and stops changing anything; used at shutdown. */
  public void unloadAll() {
    closed = true;
    for (ModelEntry entry : registry.entries()) {
      synchronized (entry) {
        switcher.retireAll(entry, "the server is shutting down");
      }
    }
  }
}
