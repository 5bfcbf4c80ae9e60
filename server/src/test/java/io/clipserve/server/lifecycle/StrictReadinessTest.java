package io.clipserve.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.server.registry.Readiness;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strict readiness (the default): gRPC health {@code ""} and {@code /health/ready} say ready only
 * when every model the repository asks for has a READY version, and follow later loads and
 * unloads; with {@code clipserve.strict-readiness=false} a failed model does not hold readiness
 * back. A model unloaded by request is not asked for.
 */
class StrictReadinessTest {
  private static final String BROKEN = "broken";

  @TempDir
  Path dir;

  @Test
  void aFailedModelKeepsTheServerNotReadyUntilItIsUnloaded() throws Exception {
    try (TestServer server = TestServer.start(repositoryWithABrokenModel())) {
      assertReady(server, false, "models=2 ready=1 failed=[broken]");
      assertThat(health(server, TestRepository.TINY)).isEqualTo(ServingStatus.SERVING);
      assertThat(health(server, BROKEN)).isEqualTo(ServingStatus.NOT_SERVING);

      var models = ModelServiceGrpc.newBlockingStub(server.channel());
      models.unloadModel(UnloadModelRequest.newBuilder().setName(BROKEN).build());
      assertReady(server, true, "models=1 ready");

      models.unloadModel(UnloadModelRequest.newBuilder().setName(TestRepository.TINY).build());
      assertReady(server, false, "models=0 ready=0 failed=[]");

      models.loadModel(LoadModelRequest.newBuilder().setName(TestRepository.TINY).build());
      assertReady(server, true, "models=1 ready");
    }
  }

  @Test
  void withStrictReadinessOffAFailedModelDoesNotHoldReadinessBack() throws Exception {
    try (TestServer server = TestServer.start(repositoryWithABrokenModel(),
        Map.of("clipserve.strict-readiness", false))) {
      assertReady(server, true, "models=2 ready=1 failed=[broken]");
    }
  }

  @Test
  void noModelAtAllIsNotReady() throws Exception {
    try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("empty")))) {
      assertReady(server, false, "models=0 ready=0 failed=[]");
    }
  }

  @Test
  void theReadyLineCountsReadyModelsAndNamesTheOthers() {
    assertThat(new Readiness.ModelCount(1, 1, List.of())).hasToString("models=1 ready");
    assertThat(new Readiness.ModelCount(3, 1, List.of("a", "b")))
        .hasToString("models=3 ready=1 failed=[a, b]");
  }

  private Path repositoryWithABrokenModel() {
    return new TestRepository(dir).addTiny(TestRepository.TINY, config -> config)
        .addTiny(BROKEN, config -> config.replace("image.onnx", "missing.onnx")).dir();
  }

  /** Health "" and /health/ready agree on {@code ready}; the HTTP body carries the count. */
  private static void assertReady(TestServer server, boolean ready, String count)
      throws Exception {
    ServingStatus expected = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    Eventually.await("health \"\" " + expected, () -> health(server, "") == expected);
    HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(http.statusCode()).isEqualTo(ready ? 200 : 503);
    assertThat(http.body()).contains(count);
  }

  private static ServingStatus health(TestServer server, String service) {
    return HealthGrpc.newBlockingStub(server.channel())
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }
}
