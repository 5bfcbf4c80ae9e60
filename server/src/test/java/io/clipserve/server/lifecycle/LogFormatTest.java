package io.clipserve.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log lines carry an ISO-8601 date with its zone; {@code --log-format json} writes one JSON
 * object per line with the formatted message, the ready line included. SIGTERM then exits 0.
 */
class LogFormatTest {
  private static final String ISO_DATE =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) .*";

  @TempDir
  Path dir;

  @Test
  void textLinesStartWithTheDateAndZone() throws Exception {
    List<String> lines = runUntilReady("text");
    assertThat(lines).isNotEmpty().allMatch(line -> line.matches(ISO_DATE), "starts with a date");
  }

  @Test
  void jsonIsOneObjectPerLine() throws Exception {
    List<String> lines = runUntilReady("json");
    assertThat(lines).isNotEmpty()
        .allMatch(line -> line.startsWith("{\"") && line.endsWith("}"), "one JSON object")
        .anyMatch(line -> line.contains("\"formattedMessage\":\"clipserve ready: grpc="));
  }

  /** Starts a server on an empty repository, waits for the ready line, stops it: its stdout. */
  private List<String> runUntilReady(String format) throws Exception {
    Path repository = Files.createDirectories(dir.resolve("repository"));
    try (LaunchedServer server = LaunchedServer.start(dir, "--model-repository",
        repository.toString(), "--grpc-port", "0", "--http-port", "-1", "--log-format", format)) {
      server.awaitOutput("clipserve ready: grpc=");
      server.terminate();
      assertThat(server.exitStatus()).as(server.stderr()).isZero();
      return server.stdout().lines().toList();
    }
  }
}
