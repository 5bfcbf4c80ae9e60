package io.clipserve.server.registry;

import io.clipserve.proto.v1.VersionInfo;
import java.time.Instant;

/**
 * One version's state at one moment, replaced as a whole on every change so readers see a
 * consistent value.
 *
 * @param loaded the served version when READY; null otherwise
 */
record VersionStatus(long version, VersionInfo.State state, String reason, Instant since, LoadedVersion loaded) {

  static VersionStatus of(long version, VersionInfo.State state, String reason) {
    return new VersionStatus(version, state, reason, Instant.now(), null);
  }

  static VersionStatus ready(LoadedVersion loaded) {
    return new VersionStatus(loaded.version(), VersionInfo.State.READY, "", Instant.now(), loaded);
  }

  VersionInfo toProto() {
    return VersionInfo.newBuilder()
        .setVersion(version)
        .setState(state)
        .setReason(reason)
        .setSince(com.google.protobuf.Timestamp.newBuilder()
            .setSeconds(since.getEpochSecond()).setNanos(since.getNano()))
        .build();
  }
}
