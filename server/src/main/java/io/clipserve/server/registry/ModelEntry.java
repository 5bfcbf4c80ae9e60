package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What the registry knows of one model: its config (or why it has none) and each version's
 * status. Fields change only under the registry's lock for this model; readers on any thread see
 * each value whole.
 */
final class ModelEntry {
  final String name;
  volatile ModelConfig config;
  volatile String reason = "";
  final ConcurrentSkipListMap<Long, VersionStatus> versions = new ConcurrentSkipListMap<>();

  ModelEntry(String name) {
    this.name = name;
  }

  /** The highest READY version, if any. */
  Optional<LoadedVersion> latestReady() {
    for (VersionStatus status : versions.descendingMap().values()) {
      if (status.state() == VersionInfo.State.READY) {
        return Optional.of(status.loaded());
      }
    }
    return Optional.empty();
  }

  boolean isReady() {
    return latestReady().isPresent();
  }

  ModelInfo toProto() {
    ModelInfo.Builder info = ModelInfo.newBuilder().setName(name).setReason(reason);
    if (config != null) {
      info.setConfig(config);
    }
    for (Map.Entry<Long, VersionStatus> v : versions.entrySet()) {
      info.addVersions(v.getValue().toProto());
    }
    return info.build();
  }
}
