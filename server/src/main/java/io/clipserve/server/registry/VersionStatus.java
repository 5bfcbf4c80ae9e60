package io.clipserve.server.registry;

import io.clipserve.proto.v1.EncoderBatchLimits;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.repository.VersionFingerprint;
import java.time.Instant;

/**
 * One version's state at one moment, replaced as a whole on every change so readers see a
 * consistent value.
 *
 * @param loaded the served version when READY; null otherwise
 * @param tried the files last loaded or tried (null when none were): a FAILED version is tried
 *     again, and a READY one reloaded, only when its files differ from these
 */
record VersionStatus(long version, State state, String reason, Instant since, LoadedVersion loaded,
    VersionFingerprint tried) {

  static VersionStatus of(long version, State state, String reason) {
    return new VersionStatus(version, state, reason, Instant.now(), null, null);
  }

  static VersionStatus ready(LoadedVersion loaded, VersionFingerprint files) {
    return new VersionStatus(loaded.version(), State.READY, "", Instant.now(), loaded, files);
  }

  static VersionStatus failed(long version, String reason, VersionFingerprint files) {
    return new VersionStatus(version, State.FAILED, reason, Instant.now(), null, files);
  }

  /** Still serving what it loaded before, though loading {@code files} failed. */
  VersionStatus reloadFailed(String why, VersionFingerprint files) {
    return new VersionStatus(version, state, "reloading changed files failed, still serving the files loaded "
        + "before: " + why, Instant.now(), loaded, files);
  }

  boolean isServing() {
    return state == State.READY;
  }

  VersionInfo toProto() {
    VersionInfo.Builder info = VersionInfo.newBuilder()
        .setVersion(version)
        .setState(state)
        .setReason(reason)
        .setSince(com.google.protobuf.Timestamp.newBuilder()
            .setSeconds(since.getEpochSecond()).setNanos(since.getNano()));
    if (loaded != null && isServing()) {
      ModelConfig config = loaded.config();
      loaded.image().ifPresent(p -> info.setImageBatch(
          limits(config.getImageEncoder().getMaxBatchSize(), p.batcher())));
      loaded.text().ifPresent(p -> info.setTextBatch(
          limits(config.getTextEncoder().getMaxBatchSize(), p.batcher())));
    }
    return info.build();
  }

  private static EncoderBatchLimits limits(int configured, DynamicBatcher batcher) {
    return EncoderBatchLimits.newBuilder()
        .setConfiguredMaxBatchSize(configured)
        .setFileMaxBatchSize(batcher.fileMaxBatchSize())
        .setEffectiveMaxBatchSize(batcher.policy().maxBatchSize())
        .build();
  }
}
