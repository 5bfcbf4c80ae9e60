package io.clipserve.server.registry;

import io.clipserve.server.config.ServerSettings;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Whether the server is ready for traffic, as gRPC health {@code ""} and {@code /health/ready}
 * report it: start-up finished, not shutting down, and, under strict readiness (Triton's
 * default), every model the repository asks for has a READY version. A model unloaded by request
 * is not asked for; with no model asked for at all the server is not ready under strict
 * readiness. Computed on each call from the registry, so it follows later loads and unloads.
 * Thread-safe.
 */
@Singleton
public final class Readiness {
  private final ModelRegistry registry;
  private final boolean strict;
  private volatile boolean started;
  private volatile boolean stopping;

  public Readiness(ModelRegistry registry, ServerSettings settings) {
    this.registry = registry;
    this.strict = settings.isStrictReadiness();
  }

  /** Start-up finished: the repository was read and gRPC listens. */
  public void started() {
    started = true;
  }

  /** Shutdown began: not ready from now on, whatever the models. */
  public void stopping() {
    stopping = true;
  }

  public boolean isStopping() {
    return stopping;
  }

  public boolean isReady() {
    if (!started || stopping) {
      return false;
    }
    return !strict || models().allReady();
  }

  /** The models asked for, how many are READY and the names of the others. */
  public ModelCount models() {
    List<ModelEntry> asked = registry.entries().stream()
        .filter(entry -> !entry.unloadedByRequest()).toList();
    List<String> notReady = asked.stream().filter(entry -> !entry.isReady())
        .map(ModelEntry::name).sorted().toList();
    return new ModelCount(asked.size(), asked.size() - notReady.size(), notReady);
  }

  /** A count of the models asked for: {@code notReady} names those without a READY version. */
  public record ModelCount(int models, int ready, List<String> notReady) {
    /** Whether there is at least one model and each has a READY version. */
    public boolean allReady() {
      return models > 0 && notReady.isEmpty();
    }

    /** As the ready line shows it: {@code models=1 ready}, {@code models=2 ready=1 failed=[x]}. */
    @Override
    public String toString() {
      return allReady() ? "models=" + models + " ready"
          : "models=" + models + " ready=" + ready + " failed=" + notReady;
    }
  }
}
