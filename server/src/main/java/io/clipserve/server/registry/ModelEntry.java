package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the registry knows of one model: its config (or why it has none), each version's status,
 * and what an operator unloaded by request. It owns the lock under which the model changes: every
 * transition below must run inside {@link #exclusively} (it checks), except
 * {@link #drained}, which a retired version calls when its last request is answered. Readers on
 * any thread see each value whole without locking, so requests never wait for a load.
 */
final class ModelEntry {
  private final ReentrantLock lock = new ReentrantLock();
  private final String name;
  private volatile ModelConfig config;
  private volatile String reason = "";
  private final ConcurrentSkipListMap<Long, VersionStatus> versions = new ConcurrentSkipListMap<>();
  /** UnloadModel of the whole model: the poller leaves it alone until LoadModel. */
  private volatile boolean unloaded;
  /** Versions unloaded by UnloadModel: not served until LoadModel names them or the model. */
  private final Set<Long> unloadedVersions = ConcurrentHashMap.newKeySet();
  /** Whether a version's files were still changing at the last look. */
  private volatile boolean settling;
  /** Whether a refresh of this model is queued, so the poller and re-checks do not pile up. */
  private final AtomicBoolean refreshQueued = new AtomicBoolean();

  ModelEntry(String name) {
    this.name = name;
  }

  /** Runs {@code change} holding this model's lock; changes to one model thus take turns. */
  void exclusively(Runnable change) {
    lock.lock();
    try {
      change.run();
    } finally {
      lock.unlock();
    }
  }

  String name() {
    return name;
  }

  String reason() {
    return reason;
  }

  boolean unloadedByRequest() {
    return unloaded;
  }

  Set<Long> unloadedVersions() {
    return Collections.unmodifiableSet(unloadedVersions);
  }

  boolean isSettling() {
    return settling;
  }

  /** The status of {@code version}, or null when the registry does not know it. */
  VersionStatus status(long version) {
    return versions.get(version);
  }

  /** Every known version's status, in ascending version order; a live view. */
  Collection<VersionStatus> statuses() {
    return Collections.unmodifiableCollection(versions.values());
  }

  /** The directory was read: this config serves and the model-level reason clears. */
  void configured(ModelConfig config) {
    requireLock();
    this.config = config;
    this.reason = "";
  }

  /** Why the model serves nothing new (e.g. its config is broken); what it serves stays. */
  void unservable(String why) {
    requireLock();
    this.reason = why;
  }

  /** A version enters a state (LOADING, READY, FAILED, UNLOADING, UNAVAILABLE...). */
  void enter(VersionStatus status) {
    requireLock();
    versions.put(status.version(), status);
  }

  /** A version left the disk and is no longer shown. */
  void forget(long version) {
    requireLock();
    versions.remove(version);
  }

  /** A retired version answered its last request: UNLOADING becomes {@code after}, if unchanged. */
  void drained(VersionStatus unloading, VersionStatus after) {
    versions.replace(unloading.version(), unloading, after);
  }

  /** LoadModel: version 0 serves the whole model again, N only version N. */
  void loadRequested(long version) {
    requireLock();
    unloaded = false;
    if (version == 0) {
      unloadedVersions.clear();
    } else {
      unloadedVersions.remove(version);
    }
  }

  /** UnloadModel: version 0 stops the whole model, N only version N. */
  void unloadRequested(long version) {
    requireLock();
    if (version == 0) {
      unloaded = true;
    } else {
      unloadedVersions.add(version);
    }
  }

  void settling(boolean stillChanging) {
    requireLock();
    settling = stillChanging;
  }

  /** Claims the one queued refresh; false when one is already queued. */
  boolean claimRefresh() {
    return refreshQueued.compareAndSet(false, true);
  }

  /** The queued refresh started: a later change may queue the next. */
  void refreshStarted() {
    refreshQueued.set(false);
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

  private void requireLock() {
    if (!lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("model " + name + " changed outside its lock");
    }
  }
}
