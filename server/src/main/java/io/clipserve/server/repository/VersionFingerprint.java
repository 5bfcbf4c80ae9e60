package io.clipserve.server.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a version's files look like on disk: each file's name, size and modification time, for the
 * model directory's own files (config.pbtxt, tokenizer) and every file under the version
 * directory, except dot-files (the server's own caches, such as TensorRT engines built from ONNX,
 * are hidden files beside the encoder). Two equal fingerprints mean nothing was written in between, so a change to the config
 * or to any file of a version is noticed without reading the files. Immutable.
 */
public record VersionFingerprint(Map<String, FileStamp> files) {

  /** One file's size and modification time (milliseconds since the epoch). */
  public record FileStamp(long size, long modifiedMillis) {}

  public VersionFingerprint {
    files = Map.copyOf(files);
  }

  /** Takes the fingerprint of {@code version} of the model in {@code modelDir}. */
  public static VersionFingerprint of(Path modelDir, long version) throws IOException {
    Map<String, FileStamp> files = new TreeMap<>();
    try (Stream<Path> own = Files.list(modelDir)) {
      for (Path file : own.filter(VersionFingerprint::counts).toList()) {
        files.put(file.getFileName().toString(), stamp(file));
      }
    }
    Path versionDir = modelDir.resolve(Long.toString(version));
    try (Stream<Path> tree = Files.walk(versionDir)) {
      for (Path file : tree.filter(VersionFingerprint::counts).toList()) {
        files.put(modelDir.relativize(file).toString(), stamp(file));
      }
    }
    return new VersionFingerprint(files);
  }

  /** The latest modification time of any file, if there is a file. */
  public Optional<Long> newestModification() {
    return files.values().stream().map(FileStamp::modifiedMillis).max(Long::compare);
  }

  private static boolean counts(Path file) {
    return Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".");
  }

  private static FileStamp stamp(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new FileStamp(attributes.size(), attributes.lastModifiedTime().toMillis());
  }
}
