package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.repository.ModelNames;
import io.clipserve.server.repository.RepositoryFiles;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The models the server knows and the versions it serves, as requests and status calls see them.
 * Only {@link ModelManager} changes them (under a lock per model); requests never take that lock,
 * so loading never blocks inference. Thread-safe.
 */
@Singleton
public final class ModelRegistry {
  private final RepositoryFiles files;
  private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public ModelRegistry(ServerSettings settings) {
    this.files = RepositoryFiles.of(settings);
  }

  public Path repository() {
    return files.root();
  }

  /** The repository's containment rule, size limit and relative paths. */
  public RepositoryFiles files() {
    return files;
  }

  /** Called with a model's name after each change of its versions' states. */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  /**
   * A hold on the version a request asked for (0: the highest READY one). The caller must
   * {@link LoadedVersion#release()} it when the request is answered.
   */
  public LoadedVersion acquire(String name, long version) {
    return VersionLookup.acquire(requireEntry(ModelNames.require(name)), version);
  }

  public ModelInfo info(String name) {
    return requireEntry(ModelNames.require(name)).toProto();
  }

  public List<ModelInfo> list() {
    return models.values().stream().map(ModelEntry::toProto)
        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
  }

  /** Names of the models the registry knows. */
  public List<String> names() {
    return models.keySet().stream().sorted().toList();
  }

  /**
   * Whether the registry knows the model {@code name} (in any state): metrics label a request
   * with its model only then, so that made-up names cannot create series.
   */
  public boolean knows(String name) {
    return models.containsKey(name);
  }

  /** Whether the registry knows {@code version} of the model {@code name} (in any state). */
  public boolean knows(String name, long version) {
    ModelEntry entry = models.get(name);
    return entry != null && entry.status(version) != null;
  }

  /** Whether the model has a READY version. */
  public boolean isReady(String name) {
    ModelEntry entry = models.get(name);
    return entry != null && entry.isReady();
  }

  /** Every READY version, for statistics and metrics. */
  public List<LoadedVersion> readyVersions() {
    return models.values().stream().flatMap(e -> e.statuses().stream())
        .filter(s -> s.state() == State.READY).map(VersionStatus::loaded).toList();
  }

  ModelEntry requireEntry(String name) {
    ModelEntry entry = models.get(name);
    if (entry == null) {
      throw ServingException.notFound("model '" + name + "' is not in the repository");
    }
    return entry;
  }

  ModelEntry entry(String name) {
    return models.computeIfAbsent(name, ModelEntry::new);
  }

  /** Whether {@code entry} is still the one the registry holds for its name. */
  boolean holds(ModelEntry entry) {
    return models.get(entry.name()) == entry;
  }

  ModelEntry remove(String name) {
    return models.remove(name);
  }

  Collection<ModelEntry> entries() {
    return models.values();
  }

  void notifyListeners(String name) {
    listeners.forEach(listener -> listener.accept(name));
  }
}
