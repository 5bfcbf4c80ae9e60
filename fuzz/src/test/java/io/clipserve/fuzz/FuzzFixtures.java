package io.clipserve.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the harnesses start from (the bundled model, the tokenizer fixtures) and scratch space. */
final class FuzzFixtures {
  /** The project root, from surefire's {@code clipserve.root}. */
  static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath().normalize();
  static final Path VOCAB = ROOT.resolve("model-repository/cn-clip-tiny/vocab.txt");
  static final Path TOKENIZERS = ROOT.resolve("server/src/test/resources/tokenizers");

  private FuzzFixtures() {}

  /** A fresh temporary directory, deleted when the JVM exits. */
  static Path scratch(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code file}'s content. */
  static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
