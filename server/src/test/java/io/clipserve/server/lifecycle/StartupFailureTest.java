package io.clipserve.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start says why in one line on stderr, naming the flag to change, and exits
 * non-zero without a stack trace. Real processes: the line is what an operator sees.
 */
class StartupFailureTest {
  @TempDir
  Path dir;

  @Test
  void missingRepositoryNamesThePathAndTheFlag() throws Exception {
    Path missing = dir.resolve("no-such-repository");
    assertOneLineFailure("the model repository " + missing + " does not exist",
        "--model-repository", "--model-repository", missing.toString(), "--grpc-port", "0",
        "--http-port", "-1");
  }

  @Test
  void repositoryThatIsAFileNamesThePathAndTheFlag() throws Exception {
    Path file = Files.writeString(dir.resolve("repository.txt"), "not a directory");
    assertOneLineFailure("the model repository " + file + " is not a directory",
        "--model-repository", "--model-repository", file.toString(), "--grpc-port", "0",
        "--http-port", "-1");
  }

  @Test
  void grpcPortInUseNamesThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(0));
      assertOneLineFailure("gRPC port " + taken.getLocalPort(), "--grpc-port",
          "--model-repository", emptyRepository().toString(),
          "--grpc-port", Integer.toString(taken.getLocalPort()), "--http-port", "-1");
    }
  }

  @Test
  void httpPortInUseNamesThePortAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(0));
      assertOneLineFailure("the HTTP port " + taken.getLocalPort() + " is in use", "--http-port",
          "--model-repository", emptyRepository().toString(), "--grpc-port", "0",
          "--http-port", Integer.toString(taken.getLocalPort()));
    }
  }

  @Test
  void unknownFlagAndBadLogFormatAreUsageErrors() throws Exception {
    try (LaunchedServer server = LaunchedServer.start(dir, "--no-such-flag", "1")) {
      assertThat(server.exitStatus()).isEqualTo(2);
      assertThat(server.stderr()).startsWith("clipserve serve: unknown flag --no-such-flag")
          .contains("Usage: clipserve serve").doesNotContain("\tat ");
    }
    try (LaunchedServer server = LaunchedServer.start(dir, "--log-format", "xml")) {
      assertThat(server.exitStatus()).isEqualTo(2);
      assertThat(server.stderr()).startsWith("clipserve serve: --log-format")
          .contains("must be text or json, not 'xml'").doesNotContain("\tat ");
    }
  }

  private Path emptyRepository() throws Exception {
    return Files.createDirectories(dir.resolve("repository"));
  }

  /** Exit status 1 and one line on stderr with {@code reason} and the flag that fixes it. */
  private void assertOneLineFailure(String reason, String flag, String... flags) throws Exception {
    try (LaunchedServer server = LaunchedServer.start(dir, flags)) {
      assertThat(server.exitStatus()).isEqualTo(1);
      String stderr = server.stderr();
      assertThat(stderr.lines().toList()).as(stderr).hasSize(1);
      assertThat(stderr).startsWith("clipserve serve: cannot start: ").contains(reason, flag);
    }
  }
}
