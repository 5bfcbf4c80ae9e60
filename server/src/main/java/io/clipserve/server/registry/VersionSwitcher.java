package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.repository.VersionFingerprint;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes what one version of a model serves: loads it (LOADING, then READY or FAILED), reloads a
 * served one in the background and swaps it in, or retires it (UNLOADING while requests drain,
 * then UNAVAILABLE). Callers hold the model's lock; requests never wait for it, since they read
 * statuses without locking and finish on the {@link LoadedVersion} they hold. Thread-safe.
 */
final class VersionSwitcher {
  private static final Logger LOG = LoggerFactory.getLogger(VersionSwitcher.class);

  private final VersionLoader loader;

  VersionSwitcher(VersionLoader loader) {
    this.loader = loader;
  }

  /** Loads a version that is not served; true when it is READY afterwards. */
  boolean load(ModelEntry entry, Path dir, ModelConfig config, long version, VersionFingerprint files) {
    entry.enter(VersionStatus.of(version, State.LOADING, ""));
    try {
      entry.enter(VersionStatus.ready(loader.load(dir, config, version), files));
      LOG.info("model {} version {} READY", entry.name(), version);
      return true;
    } catch (EncoderException | RuntimeException e) {
      entry.enter(VersionStatus.failed(version, String.valueOf(e.getMessage()), files));
      LOG.error("model {} version {} failed to load: {}", entry.name(), version, e.getMessage());
      return false;
    }
  }

  /**
   * Loads a served version's changed files beside it and swaps: requests from then on get the new
   * load, those holding the old one finish on it. On failure the old load keeps serving.
   */
  void reload(ModelEntry entry, Path dir, ModelConfig config, VersionStatus serving, VersionFingerprint files) {
    long version = serving.version();
    try {
      LoadedVersion fresh = loader.load(dir, config, version);
      entry.enter(VersionStatus.ready(fresh, files));
      serving.loaded().retire(() -> { });
      LOG.info("model {} version {} reloaded, READY", entry.name(), version);
    } catch (EncoderException | RuntimeException e) {
      entry.enter(serving.reloadFailed(String.valueOf(e.getMessage()), files));
      LOG.error("model {} version {} failed to reload, still serving the previous load: {}",
          entry.name(), version, e.getMessage());
    }
  }

  /** Stops serving a READY version: UNLOADING until its last request is answered, then UNAVAILABLE. */
  void retire(ModelEntry entry, VersionStatus serving, String why) {
    long version = serving.version();
    VersionStatus unloading = VersionStatus.of(version, State.UNLOADING, why);
    entry.enter(unloading);
    serving.loaded().retire(
        () -> entry.drained(unloading, VersionStatus.of(version, State.UNAVAILABLE, why)));
    LOG.info("model {} version {} retired: {}", entry.name(), version, why);
  }

  /** Retires every served version of a model. */
  void retireAll(ModelEntry entry, String why) {
    for (VersionStatus status : entry.statuses()) {
      if (status.isServing()) {
        retire(entry, status, why);
      }
    }
  }
}
