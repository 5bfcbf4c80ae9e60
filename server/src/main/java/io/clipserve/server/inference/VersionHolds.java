package io.clipserve.server.inference;

import io.clipserve.server.registry.LoadedVersion;
import io.clipserve.server.registry.ModelRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs work on a held model version and gives the hold back when the work's future completes, or
 * at once when the work throws anything (an Error included).
 */
final class VersionHolds {
  private VersionHolds() {}

  static <T> CompletableFuture<T> with(ModelRegistry registry, String model, long version,
      Function<LoadedVersion, CompletableFuture<T>> work) {
    LoadedVersion held = registry.acquire(model, version);
    CompletableFuture<T> result;
    try {
      result = work.apply(held);
    } catch (Throwable e) {
      held.release();
      throw e;
    }
    return result.whenComplete((value, error) -> held.release());
  }
}
