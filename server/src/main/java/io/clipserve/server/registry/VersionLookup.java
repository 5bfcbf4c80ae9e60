package io.clipserve.server.registry;

import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.ServingException;

/** Finds the version a request asked for among a model's statuses, or says why it cannot serve. */
final class VersionLookup {
  private VersionLookup() {}

  /** A hold on {@code version} (0: the highest READY one); the caller releases it. */
  static LoadedVersion acquire(ModelEntry entry, long version) {
    while (true) {
      LoadedVersion loaded = version == 0 ? entry.latestReady().orElseThrow(() -> noReadyVersion(entry))
          : specific(entry, version);
      // A version retired between the look-up and the hold is closed: look again.
      if (loaded.retain()) {
        return loaded;
      }
    }
  }

  private static LoadedVersion specific(ModelEntry entry, long version) {
    VersionStatus status = entry.status(version);
    if (status == null) {
      throw ServingException.notFound("model '" + entry.name() + "' has no version " + version);
    }
    if (status.state() != State.READY) {
      throw ServingException.unavailable("model '" + entry.name() + "' version " + version + " is "
          + status.state() + (status.reason().isEmpty() ? "" : ": " + status.reason()));
    }
    return status.loaded();
  }

  private static ServingException noReadyVersion(ModelEntry entry) {
    StringBuilder why = new StringBuilder("model '" + entry.name() + "' has no READY version");
    if (entry.unloadedByRequest()) {
      why.append(": unloaded on request (LoadModel serves it again)");
    } else if (!entry.reason().isEmpty()) {
      why.append(": ").append(entry.reason());
    }
    entry.statuses().forEach(s -> why.append("; version ").append(s.version()).append(" is ")
        .append(s.state()).append(s.reason().isEmpty() ? "" : ": " + s.reason()));
    return ServingException.unavailable(why.toString());
  }
}
