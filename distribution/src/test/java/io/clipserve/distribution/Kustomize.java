package io.clipserve.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a kustomization with {@code kubectl kustomize} (kustomize built into kubectl; offline),
 * when kubectl is on PATH. Stateless.
 */
final class Kustomize {
  private Kustomize() {
  }

  static boolean available() {
    try {
      return run(List.of("kubectl", "version", "--client")).exitCode == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The rendered YAML of the kustomization in DIR; fails with kustomize's message. */
  static String render(Path dir) throws IOException, InterruptedException {
    Result result = run(List.of("kubectl", "kustomize", dir.toString()));
    if (result.exitCode != 0) {
      throw new AssertionError("kubectl kustomize " + dir + " failed: " + result.output);
    }
    return result.output;
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  private record Result(int exitCode, String output) {
  }
}
