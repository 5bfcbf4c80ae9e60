package io.clipserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.clipserve.client.testing.StaticModelService;
import io.clipserve.client.testing.TestServer;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code models}, {@code models --name}, {@code models load} and {@code models unload}. */
class ModelsCommandTest {

  private static final String SINCE = "2023-11-14T22:13:20Z";

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
  void listsEveryVersionWithItsState() {
    CliRunner.Result result = cli.run("models");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).containsExactly(
        "MODEL  VERSION  STATE    SINCE                 REASON",
        "alpha  1        READY    " + SINCE,
        "alpha  2        LOADING  " + SINCE,
        "beta   1        FAILED   " + SINCE + "  " + StaticModelService.BETA_REASON);
  }

  @Test
  void listsAsJson() throws Exception {
    CliRunner.Result result = cli.run("models", "--json");

    ListModelsResponse.Builder models = ListModelsResponse.newBuilder();
    JsonFormat.parser().merge(result.out(), models);
    assertThat(models.getModelsList()).extracting(ModelInfo::getName)
        .containsExactly("alpha", "beta");
    assertThat(result.out()).contains("\"state\":\"FAILED\"");
  }

  @Test
  void showsOneModelWithItsConfig() {
    CliRunner.Result result = cli.run("models", "--name", "beta");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).contains("config:", "  name: \"beta\"", "  family: CHINESE_CLIP",
        "  embedding_dim: 512");
    assertThat(result.lines().get(1)).startsWith("beta   1        FAILED");
  }

  @Test
  void showsTheBatchLimitsOfALoadedVersion() {
    CliRunner.Result result = cli.run("models", "--name", "alpha");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines())
        .contains("version 1 text: batches up to 1 (max_batch_size 64, the file takes 1)");
  }

  @Test
  void loadsAndUnloads() throws Exception {
    CliRunner.Result load = cli.run("models", "load", "beta");
    CliRunner.Result unload = cli.run("models", "unload", "alpha");
    CliRunner.Result unloadJson = cli.run("models", "unload", "beta", "--json");

    assertThat(load.exitCode()).isZero();
    assertThat(load.lines().get(1)).startsWith("beta   1        READY");
    assertThat(unload.out()).isEqualTo("unloaded alpha" + System.lineSeparator());
    assertThat(unloadJson.out().strip()).isEqualTo("{\"name\":\"beta\"}");
    assertThat(server.models().unloaded()).containsExactly("alpha", "beta");
  }

  @Test
  void unloadsOneVersion() {
    CliRunner.Result unload = cli.run("models", "unload", "alpha", "--model-version", "2");
    CliRunner.Result load = cli.run("models", "load", "alpha", "--model-version", "2");

    assertThat(unload.out()).isEqualTo("unloaded alpha version 2" + System.lineSeparator());
    assertThat(load.exitCode()).isZero();
    assertThat(server.models().unloaded()).containsExactly("alpha");
  }

  @Test
  void anUnknownModelExitsWithNotFound() {
    CliRunner.Result result = cli.run("models", "--name", "gamma");

    assertThat(result.exitCode()).isEqualTo(64 + 5);
    assertThat(result.err().strip()).isEqualTo("error: NOT_FOUND: model 'gamma' not found");
    assertThat(result.out()).isEmpty();
  }
}
