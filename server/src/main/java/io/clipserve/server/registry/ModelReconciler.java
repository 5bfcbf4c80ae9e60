package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.repository.ConfigException;
import io.clipserve.server.repository.ModelConfigReader;
import io.clipserve.server.repository.Readiness;
import io.clipserve.server.repository.VersionDirectories;
import io.clipserve.server.repository.VersionPolicies;
import io.clipserve.server.repository.VersionReadiness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Brings one model's served versions in line with its directory. The policy picks from the
 * versions that can serve: those READY, and those whose files are complete and did not fail to
 * load as they are now. New versions load while the old ones serve; a version that fails is left
 * out and the policy picks again, so what served keeps serving; only then are versions the policy
 * no longer picks retired; versions still waiting for their files are shown by
 * {@link WaitingVersions}. An unreadable config.pbtxt changes nothing. Callers hold the model's
 * lock. Thread-safe.
 */
final class ModelReconciler {
  private final VersionSwitcher switcher;
  private final VersionReadiness readiness;
  private final ModelConfigReader configs;

  ModelReconciler(VersionSwitcher switcher, VersionReadiness readiness, ModelConfigReader configs) {
    this.switcher = switcher;
    this.readiness = readiness;
    this.configs = configs;
  }

  /**
   * Reads the model's directory and loads, reloads and retires versions.
   *
   * @param retryFailed whether FAILED versions are tried again though their files did not change
   * @return milliseconds after which a new look may load a version still being copied; 0: none
   */
  long reconcile(ModelEntry entry, Path dir, boolean retryFailed) throws ConfigException, IOException {
    ModelConfig config = configs.read(dir);
    SortedSet<Long> onDisk = VersionDirectories.list(dir);
    SortedSet<Long> candidates = new TreeSet<>(onDisk);
    candidates.removeAll(entry.unloadedVersions());
    Map<Long, Readiness> judged = new HashMap<>();
    SortedSet<Long> usable = new TreeSet<>();
    long now = System.currentTimeMillis();
    for (long version : candidates) {
      Readiness files = readiness.check(dir, config, version, now);
      judged.put(version, files);
      if (canServe(entry.status(version), files, retryFailed)) {
        usable.add(version);
      }
    }
    SortedSet<Long> wanted = select(config, usable);
    // Published before any version turns READY on it, so a reader never sees a version reloaded
    // for a config that GetModel does not show yet.
    entry.configured(config);
    for (long failed = loadAll(entry, dir, config, wanted, judged, retryFailed); failed != 0;
        failed = loadAll(entry, dir, config, wanted, judged, retryFailed)) {
      usable.remove(failed);
      wanted = select(config, usable);
    }
    for (VersionStatus status : entry.statuses()) {
      if (status.isServing() && !wanted.contains(status.version())) {
        switcher.retire(entry, status, whyNotServed(entry, onDisk, status.version()));
      } else if (!onDisk.contains(status.version()) && status.state() != State.UNLOADING) {
        entry.forget(status.version());
      }
    }
    if (wanted.isEmpty() && candidates.isEmpty()) {
      entry.unservable("no version directory that the version policy serves (e.g. "
          + entry.name() + "/1)");
    }
    return WaitingVersions.show(entry, config, candidates, wanted, judged);
  }

  private static boolean canServe(VersionStatus status, Readiness files, boolean retryFailed) {
    if (status != null && status.isServing()) {
      return true;
    }
    boolean failedAsIs = status != null && status.state() == State.FAILED
        && files.fingerprint().equals(status.tried());
    return files.isComplete() && (retryFailed || !failedAsIs);
  }

  /** Loads or reloads the wanted versions; returns one that failed to load (the policy picks again), or 0. */
  private long loadAll(ModelEntry entry, Path dir, ModelConfig config, SortedSet<Long> wanted,
      Map<Long, Readiness> judged, boolean retryFailed) {
    for (long version : wanted) {
      VersionStatus status = entry.status(version);
      Readiness files = judged.get(version);
      if (status == null || !status.isServing()) {
        if (!switcher.load(entry, dir, config, version, files.fingerprint())) {
          return version;
        }
      } else if (files.isComplete() && (!files.fingerprint().equals(status.tried())
          || retryFailed && !status.reason().isEmpty())) {
        switcher.reload(entry, dir, config, status, files.fingerprint());
      }
    }
    return 0;
  }

  private static String whyNotServed(ModelEntry entry, SortedSet<Long> onDisk, long version) {
    if (entry.unloadedVersions().contains(version)) {
      return "unloaded on request";
    }
    return onDisk.contains(version) ? "not served by the version policy" : "the version directory was removed";
  }

  private static SortedSet<Long> select(ModelConfig config, SortedSet<Long> versions) {
    return VersionPolicies.select(config.getVersionPolicy(), versions);
  }
}
