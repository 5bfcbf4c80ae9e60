package io.clipserve.server.repository;

import io.clipserve.proto.v1.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a version directory is completely copied: every file its config names is present,
 * and either a {@value #MARKER} marker file is in the version directory or no file has changed
 * (size or modification time) for the stability window. Quiet time is the longer of what the
 * files' modification times show and how long this object has seen the same fingerprint, so
 * versions already on disk at start-up load at once, and a clock skew in modification times
 * still settles. Remembers one observation per version directory. Thread-safe.
 */
public final class VersionReadiness {
  /** The marker file an operator may create once a version is complete. */
  public static final String MARKER = "READY";
  private static final String WAITING = "waiting for files to be complete";

  private final long stabilityMillis;
  private final Map<Path, Observation> seen = new ConcurrentHashMap<>();

  private record Observation(VersionFingerprint fingerprint, long sinceMillis) {}

  public VersionReadiness(long stabilityMillis) {
    this.stabilityMillis = Math.max(0, stabilityMillis);
  }

  /** Judges {@code version} of the model in {@code modelDir} as {@code config} describes it. */
  public Readiness check(Path modelDir, ModelConfig config, long version, long nowMillis) throws IOException {
    Path versionDir = modelDir.resolve(Long.toString(version));
    VersionFingerprint fingerprint = VersionFingerprint.of(modelDir, version);
    List<String> missing = missingFiles(modelDir, versionDir, config);
    if (!missing.isEmpty()) {
      seen.remove(versionDir);
      return new Readiness(Readiness.Kind.INCOMPLETE, fingerprint,
          WAITING + ": " + String.join(", ", missing) + " missing", Math.max(stabilityMillis, 100));
    }
    if (Files.isRegularFile(versionDir.resolve(MARKER))) {
      return new Readiness(Readiness.Kind.COMPLETE, fingerprint, "", 0);
    }
    Observation observed = seen.merge(versionDir, new Observation(fingerprint, nowMillis),
        (old, fresh) -> old.fingerprint().equals(fresh.fingerprint()) ? old : fresh);
    long quietMillis = Math.max(nowMillis - observed.sinceMillis(),
        nowMillis - fingerprint.newestModification().orElse(nowMillis));
    if (quietMillis >= stabilityMillis) {
      return new Readiness(Readiness.Kind.COMPLETE, fingerprint, "", 0);
    }
    return new Readiness(Readiness.Kind.SETTLING, fingerprint, WAITING + " (stability window: "
        + stabilityMillis + " ms without changes, or a " + MARKER + " file)", stabilityMillis - quietMillis);
  }

  /** Forgets what was seen of a model's directories (the model left the repository). */
  public void forget(Path modelDir) {
    seen.keySet().removeIf(dir -> dir.startsWith(modelDir));
  }

  private static List<String> missingFiles(Path modelDir, Path versionDir, ModelConfig config) {
    List<String> missing = new ArrayList<>();
    if (config.hasImageEncoder() && !Files.isRegularFile(versionDir.resolve(config.getImageEncoder().getFile()))) {
      missing.add(versionDir.getFileName() + "/" + config.getImageEncoder().getFile());
    }
    if (config.hasTextEncoder()) {
      if (!Files.isRegularFile(versionDir.resolve(config.getTextEncoder().getFile()))) {
        missing.add(versionDir.getFileName() + "/" + config.getTextEncoder().getFile());
      }
      if (!Files.isRegularFile(modelDir.resolve(config.getTextEncoder().getTokenizer().getFile()))) {
        missing.add(config.getTextEncoder().getTokenizer().getFile());
      }
    }
    return missing;
  }
}
