package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a check script of {@code integration-tests/src/test/python} (built on its
 * {@code checks.py}) with {@code python3} from the PATH, or {@code CLIPSERVE_PYTHON}, and asserts
 * that every one of its checks passed. Stateless.
 */
final class PythonChecks {
  private static final String PYTHON =
      System.getenv().getOrDefault("CLIPSERVE_PYTHON", "python3");

  private PythonChecks() {}

  /** Runs {@code script} with {@code args}; prints its report and asserts {@code checks} passed. */
  static void pass(String script, int checks, String... args) throws Exception {
    assertThat(run(script, args)).contains(checks + " passed, 0 failed");
  }

  /** Runs {@code script} with {@code args}, prints and returns its output; asserts exit 0. */
  static String run(String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON,
        RealServer.ROOT.resolve("integration-tests/src/test/python").resolve(script).toString()));
    command.addAll(List.of(args));
    Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
    System.out.println(output);
    assertThat(python.exitValue()).as(output).isZero();
    return output;
  }
}
