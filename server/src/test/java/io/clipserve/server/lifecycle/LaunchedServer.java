package io.clipserve.server.lifecycle;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ClipServeApplication} in its own JVM on this test's classpath, as {@code bin/clipserve
 * serve} runs it, with stdout and stderr kept apart in files under {@code dir}. Not thread-safe.
 */
final class LaunchedServer implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;

  private LaunchedServer(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static LaunchedServer start(Path dir, String... flags) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(),
        "io.clipserve.server.ClipServeApplication"));
    command.addAll(List.of(flags));
    Path out = Files.createTempFile(dir, "stdout", ".log");
    Path err = Files.createTempFile(dir, "stderr", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("CLIPSERVE_LOG_FORMAT");
    return new LaunchedServer(builder.start(), out, err);
  }

  /**
   * The server's classes and a directory of links to its libraries, {@code lib/*}, as
   * {@code bin/clipserve} runs it. A short class path on purpose: with the libraries listed one
   * by one (about 8 KB) the JVM died with SIGSEGV right after ONNX Runtime created its
   * environment, without an hs_err file.
   */
  private static synchronized String classpath() throws IOException {
    String all = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path classes = null;
    Path lib = Files.createDirectories(Path.of("target", "launch-lib").toAbsolutePath());
    for (String entry : all.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (entry.endsWith(".jar") && Files.notExists(lib.resolve(path.getFileName()))) {
        Files.createSymbolicLink(lib.resolve(path.getFileName()), path.toAbsolutePath());
      } else if (path.endsWith("classes")) {
        classes = path.toAbsolutePath();
      }
    }
    return classes + File.pathSeparator + lib + File.separator + "*";
  }

  /** Waits (at most 2 minutes, a bound rather than a timing) for the exit; its status. */
  int exitStatus() throws InterruptedException {
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      throw new AssertionError("the server did not exit within 2 minutes");
    }
    return process.exitValue();
  }

  /** Waits for a line of stdout containing {@code text}, at most 2 minutes. */
  void awaitOutput(String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!stdout().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' in the output:\n" + stdout() + stderr());
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM. */
  void terminate() {
    process.destroy();
  }

  String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
