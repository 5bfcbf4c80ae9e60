package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the registry knows of one model: its config (or why it has none), each version's status,
 * and what an operator unloaded by request. Fields change only under the registry's lock for this
 * model (statuses also when a retired version finishes draining); readers on any thread see each
 * value whole.
 */
final class ModelEntry {
  final String name;
  volatile ModelConfig config;
  volatile String reason = "";
  final ConcurrentSkipListMap<Long, VersionStatus> versions = new ConcurrentSkipListMap<>();
  /** UnloadModel of the whole model: the poller leaves it alone until LoadModel. */
  volatile boolean unloaded;
  /** Versions unloaded by UnloadModel: not served until LoadModel names them or the model. */
  final Set<Long> unloadedVersions = ConcurrentHashMap.newKeySet();
  /** Whether a version's files were still changing at the last look. */
  volatile boolean settling;
  /** Whether a refresh of this model is queued, so the poller and re-checks do not pile up. */
  final AtomicBoolean refreshQueued = new AtomicBoolean();

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
