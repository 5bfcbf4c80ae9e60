package io.clipserve.it.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The image encoder of the {@code vit-b-16} preset (Chinese-CLIP ViT-B/16 architecture, random
 * weights, 345 MB), written by {@code tools/gen_clip_model.py} with a Python that has torch:
 * {@code CLIPSERVE_GENERATOR_PYTHON}, else {@code /usr/bin/python3} when it imports torch, else
 * {@code python3}. Generated once (about a minute on 2 cores) into
 * {@code integration-tests/target/generated-models/} and reused by later runs; model directories
 * for tests are hard links to it. Not thread-safe: tests use it one at a time.
 */
final class GeneratedVitModel {
  static final String NAME = "vit-b-16";
  private static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath().normalize();
  private static final Path CACHE = ROOT.resolve("integration-tests/target/generated-models");

  private GeneratedVitModel() {}

  /** The cached model directory, generated first when missing. */
  static synchronized Path directory() throws IOException, InterruptedException {
    Path model = CACHE.resolve(NAME);
    if (Files.isRegularFile(model.resolve("config.pbtxt"))) {
      return model;
    }
    Path staging =
        Files.createDirectories(CACHE).resolve("staging-" + ProcessHandle.current().pid());
    deleteTree(staging);
    Path log = CACHE.resolve("gen_clip_model.log");
    Process generator = new ProcessBuilder(python(),
        ROOT.resolve("tools/gen_clip_model.py").toString(), "--preset", "vit-b-16",
        "--only", "image", "--name", NAME, "--out", staging.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!generator.waitFor(15, TimeUnit.MINUTES) || generator.exitValue() != 0) {
      generator.destroyForcibly();
      throw new IllegalStateException("tools/gen_clip_model.py failed: "
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    // Whole or not at all: a run killed half-way leaves only a staging directory.
    Files.move(staging.resolve(NAME), model, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(staging);
    return model;
  }

  /**
   * Copies the model into {@code repository} as {@code name} with version {@code version},
   * hard-linking the encoder file (the same file system as the cache, under target/), and
   * returns the model directory.
   */
  static Path install(Path repository, long version) throws IOException, InterruptedException {
    Path source = directory();
    Path model = Files.createDirectories(repository.resolve(NAME));
    Files.copy(source.resolve("config.pbtxt"), model.resolve("config.pbtxt"),
        StandardCopyOption.REPLACE_EXISTING);
    addVersion(model, version);
    return model;
  }

  /**
   * Adds version {@code version} whole: linked under a staging name, marked complete, renamed.
   */
  static void addVersion(Path model, long version) throws IOException, InterruptedException {
    Path staging = model.resolve(version + ".tmp");
    Files.createDirectories(staging);
    Path encoder = directory().resolve("1/image.onnx");
    try {
      Files.createLink(staging.resolve("image.onnx"), encoder);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(encoder, staging.resolve("image.onnx"));
    }
    Files.writeString(staging.resolve("READY"), "");
    Files.move(staging, model.resolve(Long.toString(version)), StandardCopyOption.ATOMIC_MOVE);
  }

  private static String python() throws InterruptedException {
    String chosen = System.getenv("CLIPSERVE_GENERATOR_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      return chosen;
    }
    return importsTorch("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  }

  private static boolean importsTorch(String python) throws InterruptedException {
    try {
      Process probe = new ProcessBuilder(python, "-c", "import torch, onnx")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return probe.waitFor(2, TimeUnit.MINUTES) && probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
