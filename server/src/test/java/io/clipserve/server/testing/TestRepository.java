package io.clipserve.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A model repository assembled in a temporary directory from the bundled model and the committed
 * fixtures, with per-test config edits.
 */
public final class TestRepository {
  /** The repository's root (the clone), from surefire's {@code clipserve.root}. */
  public static final Path ROOT = Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath().normalize();
  /** The test data (photos, vocabulary), from surefire's {@code clipserve.testdata}. */
  public static final Path TESTDATA = Path.of(System.getProperty("clipserve.testdata", "../testdata"))
      .toAbsolutePath().normalize();
  public static final Path BUNDLED = ROOT.resolve("model-repository");
  public static final Path FIXTURES = ROOT.resolve("server/src/test/resources/models");
  public static final String TINY = "cn-clip-tiny";

  private final Path dir;

  public TestRepository(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Copies model directory {@code source} in as {@code name}, editing its config.pbtxt. */
  public TestRepository add(Path source, String name, UnaryOperator<String> editConfig) {
    Path target = dir.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path config = target.resolve("config.pbtxt");
      String text = Files.readString(config).replace("name: \"" + source.getFileName() + "\"",
          "name: \"" + name + "\"");
      Files.writeString(config, editConfig.apply(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Copies the bundled tiny model in under {@code name}. */
  public TestRepository addTiny(String name, UnaryOperator<String> editConfig) {
    return add(BUNDLED.resolve(TINY), name, editConfig);
  }

  public static byte[] image(String file) {
    try {
      return Files.readAllBytes(TESTDATA.resolve("images").resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
