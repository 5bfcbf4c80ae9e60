package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.ServingException;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.repository.ConfigException;
import io.clipserve.server.repository.ModelConfigReader;
import io.clipserve.server.repository.ModelNames;
import io.clipserve.server.repository.VersionDirectories;
import io.clipserve.server.repository.VersionPolicies;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the server knows and the versions it serves. Loading and unloading of one model are
 * serialised by a lock per model, so loading one never blocks requests to another (nor to the
 * versions of the same model that stay served). Thread-safe.
 */
@Singleton
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final Path repository;
  private final VersionLoader loader;
  private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public ModelRegistry(ServerSettings settings, VersionLoader loader) {
    this.repository = settings.getModelRepository().toAbsolutePath().normalize();
    this.loader = loader;
  }

  public Path repository() {
    return repository;
  }

  /** Called with a model's name after each change of its versions' states. */
  public void addListener(Consumer<String> listener) {
    listeners.add(listener);
  }

  /** Loads every model directory of the repository; a broken model fails alone. */
  public void loadAll() throws IOException {
    try (var dirs = Files.list(repository)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        if (ModelNames.isValid(name)) {
          load(name);
        } else if (!name.startsWith(".")) {
          LOG.warn("ignoring {}: model directory names match [a-z0-9][a-z0-9._-]{{0,63}}", dir);
        }
      }
    }
  }

  /**
   * (Re)reads a model's directory and brings the served versions in line with its policy: new
   * versions load while the old ones keep serving; versions the policy drops are retired.
   */
  public ModelInfo load(String name) {
    ModelNames.require(name);
    Path dir = repository.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw ServingException.notFound("model '" + name + "' is not in the repository " + repository);
    }
    ModelEntry entry = models.computeIfAbsent(name, ModelEntry::new);
    synchronized (entry) {
      try {
        ModelConfig config = ModelConfigReader.read(dir);
        boolean configChanged = entry.config != null && !entry.config.equals(config);
        entry.config = config;
        entry.reason = "";
        SortedSet<Long> wanted = VersionPolicies.select(config.getVersionPolicy(), VersionDirectories.list(dir));
        if (wanted.isEmpty()) {
          entry.reason = "no version directory that the version policy serves (e.g. " + dir.resolve("1") + ")";
        }
        for (long version : wanted) {
          VersionStatus now = entry.versions.get(version);
          if (configChanged || now == null || now.state() != State.READY) {
            loadVersion(entry, dir, config, version);
          }
        }
        for (VersionStatus status : List.copyOf(entry.versions.values())) {
          if (!wanted.contains(status.version())) {
            retire(entry, status, "not served by the version policy");
          }
        }
      } catch (ConfigException | IOException e) {
        entry.reason = e.getMessage();
        LOG.error("model {}: {}", name, e.getMessage());
      }
    }
    notifyListeners(name);
    return entry.toProto();
  }

  /** Stops serving every version of a model; requests in flight finish first. */
  public void unload(String name) {
    ModelNames.require(name);
    ModelEntry entry = requireEntry(name);
    synchronized (entry) {
      for (VersionStatus status : List.copyOf(entry.versions.values())) {
        retire(entry, status, "unloaded on request");
      }
    }
    notifyListeners(name);
  }

  private void loadVersion(ModelEntry entry, Path dir, ModelConfig config, long version) {
    VersionStatus previous = entry.versions.get(version);
    boolean serving = previous != null && previous.loaded() != null;
    if (!serving) {
      entry.versions.put(version, VersionStatus.of(version, State.LOADING, ""));
    }
    try {
      LoadedVersion loaded = loader.load(dir, config, version);
      // The swap: requests from now on get the new load; those holding the old one finish on it.
      entry.versions.put(version, VersionStatus.ready(loaded));
      if (serving) {
        previous.loaded().retire();
      }
      LOG.info("model {} version {} READY", entry.name, version);
    } catch (EncoderException | RuntimeException e) {
      if (!serving) {
        entry.versions.put(version, VersionStatus.of(version, State.FAILED, String.valueOf(e.getMessage())));
      }
      LOG.error("model {} version {} failed to load: {}", entry.name, version, e.getMessage());
    }
  }

  private void retire(ModelEntry entry, VersionStatus status, String why) {
    entry.versions.put(status.version(), VersionStatus.of(status.version(), State.UNAVAILABLE, why));
    if (status.loaded() != null) {
      status.loaded().retire();
    }
  }

  /**
   * A hold on the version a request asked for (0: the highest READY one). The caller must
   * {@link LoadedVersion#release()} it when the request is answered.
   */
  public LoadedVersion acquire(String name, long version) {
    ModelEntry entry = requireEntry(ModelNames.require(name));
    while (true) {
      LoadedVersion loaded = version == 0 ? entry.latestReady().orElseThrow(() -> noReadyVersion(entry))
          : specific(entry, version);
      if (loaded.retain()) {
        return loaded;
      }
    }
  }

  private static LoadedVersion specific(ModelEntry entry, long version) {
    VersionStatus status = entry.versions.get(version);
    if (status == null) {
      throw ServingException.notFound("model '" + entry.name + "' has no version " + version);
    }
    if (status.state() != State.READY) {
      throw ServingException.unavailable("model '" + entry.name + "' version " + version + " is "
          + status.state() + (status.reason().isEmpty() ? "" : ": " + status.reason()));
    }
    return status.loaded();
  }

  private static ServingException noReadyVersion(ModelEntry entry) {
    StringBuilder why = new StringBuilder("model '" + entry.name + "' has no READY version");
    if (!entry.reason.isEmpty()) {
      why.append(": ").append(entry.reason);
    }
    entry.versions.values().forEach(s -> why.append("; version ").append(s.version()).append(" is ")
        .append(s.state()).append(s.reason().isEmpty() ? "" : ": " + s.reason()));
    return ServingException.unavailable(why.toString());
  }

  private ModelEntry requireEntry(String name) {
    ModelEntry entry = models.get(name);
    if (entry == null) {
      throw ServingException.notFound("model '" + name + "' is not in the repository");
    }
    return entry;
  }

  public ModelInfo info(String name) {
    return requireEntry(ModelNames.require(name)).toProto();
  }

  public List<ModelInfo> list() {
    return models.values().stream().map(ModelEntry::toProto)
        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
  }

  /** Whether the model has a READY version. */
  public boolean isReady(String name) {
    ModelEntry entry = models.get(name);
    return entry != null && entry.isReady();
  }

  /** Every READY version, for statistics and metrics. */
  public List<LoadedVersion> readyVersions() {
    return models.values().stream().flatMap(e -> e.versions.values().stream())
        .filter(s -> s.state() == State.READY).map(VersionStatus::loaded).toList();
  }

  private void notifyListeners(String name) {
    listeners.forEach(listener -> listener.accept(name));
  }

  /** Retires every version; used at shutdown. */
  public void unloadAll() {
    models.keySet().forEach(this::unload);
  }
}
