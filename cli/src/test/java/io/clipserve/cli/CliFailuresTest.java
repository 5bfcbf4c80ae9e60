package io.clipserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.client.testing.EchoEmbeddingService;
import io.clipserve.client.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages: server errors, usage errors, local failures; and the network path. */
class CliFailuresTest {

  private TestServer server;
  private CliRunner cli;

  @BeforeEach
  void start() {
    server = TestServer.inProcess();
    cli = new CliRunner(server);
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void aServerErrorExitsWithSixtyFourPlusItsStatusCode() {
    CliRunner.Result notFound = cli.run("embed", "-m", EchoEmbeddingService.MISSING, "--text", "x");

    assertThat(notFound.exitCode()).isEqualTo(69);
    assertThat(notFound.err().strip()).isEqualTo("error: NOT_FOUND: model 'missing' not found");
    assertThat(notFound.out()).isEmpty();
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(cli.run().exitCode()).isEqualTo(2);
    assertThat(cli.run("embed", "-m", "alpha").exitCode()).isEqualTo(2);
    assertThat(cli.run("embed", "--text", "x", "--deadline-ms", "0").err())
        .contains("--deadline-ms must be positive");
    assertThat(cli.run("similarity", "--query-text", "x").exitCode()).isEqualTo(2);
    assertThat(cli.run("embed", "--text", "x", "--image").exitCode()).isEqualTo(2);
    assertThat(cli.targets()).isEmpty();
  }

  @Test
  void anUnreadableImageExitsOneNamingTheFile(@TempDir Path dir) {
    Path absent = dir.resolve("absent.jpg");

    CliRunner.Result result = cli.run("embed", "-m", "alpha", "--image", absent.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: cannot read image " + absent);
  }

  @Test
  void helpExitsZero() {
    CliRunner.Result result = cli.run("similarity", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("--query-image=PATH", "--candidate-text=TEXT", "--top-k=K");
  }

  @Test
  void theShippedCliTalksToTheTargetOverTcp() throws InterruptedException {
    try (TestServer tcp = TestServer.onLoopback()) {
      CliRunner.Result result = new CliRunner().run("models", "--target", tcp.target());

      assertThat(result.exitCode()).isZero();
      assertThat(result.lines()).hasSize(4);
    }
  }

  @Test
  void aTargetListReachesEveryReplica() throws InterruptedException {
    try (TestServer first = TestServer.onLoopback(); TestServer second = TestServer.onLoopback()) {
      String list = first.target() + "," + second.target();
      // Calls go round-robin once both are connected: a count bounds the loop, not a clock.
      for (int i = 0; i < 200 && (first.embedding().lastDeadline() == null
          || second.embedding().lastDeadline() == null); i++) {
        assertThat(new CliRunner().run("embed", "-m", "alpha", "--text", "x", "--target", list)
            .exitCode()).isZero();
      }
      assertThat(first.embedding().lastDeadline()).isNotNull();
      assertThat(second.embedding().lastDeadline()).isNotNull();
    }
  }

  @Test
  void aTargetListEntryThatIsNotHostAndPortIsAUsageErrorNamingIt() {
    CliRunner.Result result = new CliRunner().run("models", "--target", "localhost:1,localhost");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--target: target endpoint \"localhost\" is not host:port");
  }

  @Test
  void noServerExitsUnavailable() {
    CliRunner.Result result =
        new CliRunner().run("models", "--target", "localhost:1", "--deadline-ms", "5000");

    assertThat(result.exitCode()).isEqualTo(64 + 14);
    assertThat(result.err()).startsWith("error: UNAVAILABLE");
  }
}
