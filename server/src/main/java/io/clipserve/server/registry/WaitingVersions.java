package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.repository.Readiness;
import io.clipserve.server.repository.VersionPolicies;
import java.util.Map;
import java.util.SortedSet;

/**
 * Shows the versions of a model that the policy would serve but whose files are not complete yet
 * (still being copied, or missing) as UNAVAILABLE with the reason, and says when to look again.
 * Callers hold the model's lock. Stateless and thread-safe.
 */
final class WaitingVersions {
  private WaitingVersions() {}

  /**
   * Marks the waiting versions among {@code candidates} and {@code wanted}, and whether any is
   * still settling; returns milliseconds after which to look again, 0 when none waits.
   */
  static long show(ModelEntry entry, ModelConfig config, SortedSet<Long> candidates,
      SortedSet<Long> wanted, Map<Long, Readiness> judged) {
    SortedSet<Long> watched = VersionPolicies.select(config.getVersionPolicy(), candidates);
    watched.addAll(wanted);
    long recheck = 0;
    boolean settling = false;
    for (long version : watched) {
      Readiness files = judged.get(version);
      if (files.isComplete()) {
        continue;
      }
      recheck = recheck == 0 ? files.recheckInMillis() : Math.min(recheck, files.recheckInMillis());
      settling |= files.kind() == Readiness.Kind.SETTLING;
      VersionStatus status = entry.status(version);
      boolean shown = status != null && (status.isServing() || status.state() == State.UNLOADING
          || status.state() == State.UNAVAILABLE && status.reason().equals(files.reason()));
      if (!shown) {
        entry.enter(VersionStatus.of(version, State.UNAVAILABLE, files.reason()));
      }
    }
    entry.settling(settling);
    return recheck;
  }
}
