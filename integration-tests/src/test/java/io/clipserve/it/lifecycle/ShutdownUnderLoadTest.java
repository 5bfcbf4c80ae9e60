package io.clipserve.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM while 8 clients each wait for an image embedding of the vit-b-16 preset (hundreds of
 * milliseconds of inference each): every call is answered, the process exits 0 and leaves no
 * {@code hs_err_pid*.log}; the same when an UnloadModel has just retired the version under the
 * calls, and when a new version is loading beside it (a reload seen by the poller). While it
 * drains, health is NOT_SERVING, liveness OK, and a new call is refused with UNAVAILABLE.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ShutdownUnderLoadTest {
  private static final int CLIENTS = 8;
  private static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath().normalize();
  private static final Path RUNS = ROOT.resolve("integration-tests/target/lifecycle-runs");
  private static final String MODEL = GeneratedVitModel.NAME;

  private Path workDir;
  private Path repository;

  @BeforeEach
  void repository() throws IOException, InterruptedException {
    workDir = Files.createTempDirectory(Files.createDirectories(RUNS), "run-");
    repository = Files.createDirectories(workDir.resolve("repository"));
    GeneratedVitModel.install(repository, 1);
  }

  @Test
  void sigtermAnswersEveryCallInFlightAndExitsZero() throws Exception {
    try (ForkedServer server = start("--poll-seconds", "0")) {
      List<ListenableFuture<EmbedResponse>> calls = embedConcurrently(server);
      awaitQueued(server);
      server.stop();
      assertDrainingRefusesNewWork(server);
      assertAnsweredAndCleanExit(server, calls);
    }
  }

  @Test
  void sigtermAfterUnloadModelRetiredTheVersionUnderTheCalls() throws Exception {
    try (ForkedServer server = start("--poll-seconds", "0")) {
      List<ListenableFuture<EmbedResponse>> calls = embedConcurrently(server);
      awaitQueued(server);
      ModelServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(60, TimeUnit.SECONDS)
          .unloadModel(UnloadModelRequest.newBuilder().setName(MODEL).build());
      assertThat(versionState(server, 1)).isEqualTo(VersionInfo.State.UNLOADING);
      server.stop();
      assertAnsweredAndCleanExit(server, calls);
    }
  }

  @Test
  void sigtermWhileANewVersionLoadsBesideTheOneServingTheCalls() throws Exception {
    try (ForkedServer server = start("--poll-seconds", "1")) {
      List<ListenableFuture<EmbedResponse>> calls = embedConcurrently(server);
      awaitQueued(server);
      GeneratedVitModel.addVersion(repository.resolve(MODEL), 2);
      await("the poller to see version 2", () -> versionState(server, 2) != null);
      server.stop();
      assertAnsweredAndCleanExit(server, calls);
    }
  }

  private ForkedServer start(String... flags) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--model-repository", repository.toString(),
        "--drain-seconds", "300"));
    all.addAll(List.of(flags));
    return ForkedServer.start(workDir, all.toArray(String[]::new));
  }

  private static List<ListenableFuture<EmbedResponse>> embedConcurrently(ForkedServer server)
      throws IOException {
    ByteString image = ByteString.copyFrom(Files.readAllBytes(Path.of(
        System.getProperty("clipserve.testdata", "../testdata"), "images",
        "coco_000000005082.jpg")));
    var stub = EmbeddingServiceGrpc.newFutureStub(server.channel());
    List<ListenableFuture<EmbedResponse>> calls = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      calls.add(stub.withDeadlineAfter(5, TimeUnit.MINUTES).embed(EmbedRequest.newBuilder()
          .setModel(MODEL).addInputs(Input.newBuilder().setId("client-" + i).setImage(image))
          .build()));
    }
    return calls;
  }

  /** Until the server has taken every call's image into its queue or a batch. */
  private static void awaitQueued(ForkedServer server) throws InterruptedException {
    var models = ModelServiceGrpc.newBlockingStub(server.channel());
    await("8 images queued", () -> models.withDeadlineAfter(10, TimeUnit.SECONDS)
        .getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build())
        .getModelsList().stream().flatMap(m -> m.getEncodersList().stream())
        .mapToLong(e -> e.getItems()).sum() >= CLIENTS);
  }

  private static void assertDrainingRefusesNewWork(ForkedServer server) throws Exception {
    var health =
        HealthGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS);
    await("health NOT_SERVING", () -> health.check(HealthCheckRequest.getDefaultInstance())
        .getStatus() == ServingStatus.NOT_SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService(MODEL).build()).getStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, server, "/health/ready").statusCode()).isEqualTo(503);
    assertThat(get(http, server, "/health/live").statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> EmbeddingServiceGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .embed(EmbedRequest.newBuilder().setModel(MODEL)
            .addInputs(Input.newBuilder().setText("猫")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.getStatus().getDescription()).contains("shutting down");
        });
  }

  private void assertAnsweredAndCleanExit(ForkedServer server,
      List<ListenableFuture<EmbedResponse>> calls) throws Exception {
    for (ListenableFuture<EmbedResponse> call : calls) {
      EmbedResponse answer = call.get(5, TimeUnit.MINUTES);
      assertThat(answer.getEmbeddings(0).getValuesCount()).isEqualTo(512);
    }
    assertThat(server.awaitExit(300)).as(server.log()).isZero();
    assertThat(server.log()).contains("clipserve draining done")
        .doesNotContain("left open", "SIGSEGV");
    try (Stream<Path> files = Files.list(workDir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith("hs_err_pid"));
    }
  }

  private static VersionInfo.State versionState(ForkedServer server, long version) {
    return ModelServiceGrpc.newBlockingStub(server.channel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getModel(GetModelRequest.newBuilder().setName(MODEL).build()).getVersionsList().stream()
        .filter(v -> v.getVersion() == version).map(VersionInfo::getState).findFirst().orElse(null);
  }

  private static HttpResponse<String> get(HttpClient http, ForkedServer server, String path)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Polls {@code check} every 20 ms for at most 2 minutes (a generous bound, not a timing). */
  private static void await(String what, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what, last);
  }
}
