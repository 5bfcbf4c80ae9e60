package io.clipserve.server.registry;

import io.clipserve.server.repository.ConfigException;
import io.clipserve.server.repository.ModelConfigReader;
import io.clipserve.server.repository.VersionReadiness;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each model's served versions in step with its directory: re-reads it now (the caller
 * holds the model's lock) or later on the {@link ModelWorkers} (at most one queued re-read per
 * model), and forgets a model whose directory left the repository. A model unloaded on request is
 * left alone; after {@link #close()} queued re-reads do nothing. Why a model cannot be read is
 * logged once when it appears or changes, and once when the model reads again, not on every
 * poll. Thread-safe.
 */
final class ModelRefresher {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRefresher.class);

  private final ModelRegistry registry;
  private final ModelWorkers workers;
  private final VersionReadiness readiness;
  private final VersionSwitcher switcher;
  private final ModelReconciler reconciler;
  private final ModelConfigReader configs;
  private volatile boolean closed;

  ModelRefresher(ModelRegistry registry, ModelWorkers workers, VersionReadiness readiness,
      VersionSwitcher switcher) {
    this.registry = registry;
    this.workers = workers;
    this.readiness = readiness;
    this.switcher = switcher;
    this.configs = new ModelConfigReader(registry.files());
    this.reconciler = new ModelReconciler(switcher, readiness, configs);
  }

  /** Re-reads the model's directory now; runs under the entry's lock. */
  void refresh(ModelEntry entry, boolean retryFailed) {
    if (entry.unloadedByRequest()) {
      return;
    }
    String before = entry.reason();
    try {
      Path dir = registry.repository().resolve(entry.name());
      long recheck = reconciler.reconcile(entry, dir, retryFailed);
      if (recheck > 0) {
        refreshLater(entry.name(), recheck);
      }
    } catch (ConfigException | IOException e) {
      entry.unservable(registry.files().withRelativePaths(e.getMessage()));
    }
    logChange(entry, before);
  }

  /** Logs the model-level reason when it differs from the last refresh's. */
  private static void logChange(ModelEntry entry, String before) {
    String now = entry.reason();
    if (now.equals(before)) {
      return;
    }
    if (now.isEmpty()) {
      LOG.info("model {}: its directory reads correctly again", entry.name());
    } else {
      LOG.error("model {}: {} (what it serves stays as it was; logged again when this changes)",
          entry.name(), now);
    }
  }

  /** Queues a re-read of a model's directory after {@code delayMillis}, at most one per model. */
  void refreshLater(String name, long delayMillis) {
    ModelEntry entry = registry.entry(name);
    if (closed || !entry.claimRefresh()) {
      return;
    }
    workers.schedule(() -> {
      entry.refreshStarted();
      entry.exclusively(() -> {
        if (!closed && registry.holds(entry)) {
          refresh(entry, false);
        }
      });
      registry.notifyListeners(name);
    }, delayMillis);
  }

  /** The model's directory left the repository: retires its versions and forgets it. */
  void forget(String name) {
    ModelEntry entry = registry.remove(name);
    if (entry != null) {
      entry.exclusively(() -> switcher.retireAll(entry, "the model directory was removed"));
      readiness.forget(registry.repository().resolve(name));
      configs.forget(registry.repository().resolve(name));
      registry.notifyListeners(name);
    }
  }

  /** From now on queued re-reads do nothing and none are queued; used at shutdown. */
  void close() {
    closed = true;
  }
}
