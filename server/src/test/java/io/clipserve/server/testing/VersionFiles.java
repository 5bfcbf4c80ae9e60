package io.clipserve.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Version directories made the way an operator would: copied under a staging name and renamed when
 * complete, corrupt ones, and file times set back so the stability window is already over.
 */
public final class VersionFiles {
  private VersionFiles() {}

  /** Copies version {@code from} to {@code to} through the staging name {@code <to>.tmp}. */
  public static void copy(Path model, long from, long to) {
    Path staging = model.resolve(to + ".tmp");
    try (Stream<Path> files = Files.list(model.resolve(Long.toString(from)))) {
      Files.createDirectories(staging);
      for (Path file : files.toList()) {
        Files.copy(file, staging.resolve(file.getFileName()));
      }
      Files.move(staging, model.resolve(Long.toString(to)), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates version {@code version} whose encoder files are not ONNX models, through a staging name. */
  public static void corrupt(Path model, long version) {
    Path staging = model.resolve(version + ".tmp");
    try {
      Files.createDirectories(staging);
      Files.writeString(staging.resolve("image.onnx"), "not an ONNX model");
      Files.writeString(staging.resolve("text.onnx"), "not an ONNX model");
      Files.move(staging, model.resolve(Long.toString(version)), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sets every file's modification time an hour back: written long ago, so stable. */
  public static void age(Path dir) {
    FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, hourAgo);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree. */
  public static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
