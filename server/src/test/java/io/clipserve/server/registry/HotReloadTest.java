package io.clipserve.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.Reservation;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.clipserve.server.testing.VersionFiles;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version policies, staging names, rollback on failure, retry only on change, reload, drain and
 * the explicit Load/UnloadModel semantics, on the real server; the repository is polled by hand.
 */
class HotReloadTest {
  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;
  static ModelServiceGrpc.ModelServiceBlockingStub models;

  @BeforeAll
  static void start() {
    TestRepository repo = new TestRepository(repository);
    repo.addTiny("latest-two", c -> policy(c, "latest { num_versions: 2 }"));
    repo.addTiny("every", c -> policy(c, "all {}"));
    repo.addTiny("chosen", c -> policy(c, "specific { versions: [1, 3] }"));
    for (String model : new String[] {"latest-two", "every", "chosen"}) {
      VersionFiles.copy(repository.resolve(model), 1, 2);
      VersionFiles.copy(repository.resolve(model), 1, 3);
    }
    for (String model : new String[] {"staging", "rollback", "reload", "explicit"}) {
      repo.addTiny(model, c -> c);
    }
    repo.addTiny("drain", c -> policy(c, "all {}"));
    VersionFiles.copy(repository.resolve("drain"), 1, 2);
    server = TestServer.start(repository);
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
    models = ModelServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String policy(String config, String policy) {
    return config.replaceFirst("version_policy \\{\\s*latest \\{\\s*num_versions: 1\\s*}\\s*}",
        "version_policy { " + policy + " }");
  }

  static long embed(String model, long version) {
    return embedding.embed(EmbedRequest.newBuilder().setModel(model).setModelVersion(version)
        .addInputs(Input.newBuilder().setText("一只猫")).build()).getModelVersion();
  }

  static ModelInfo info(String model) {
    return models.getModel(GetModelRequest.newBuilder().setName(model).build());
  }

  static Map<Long, VersionInfo> versions(String model) {
    return info(model).getVersionsList().stream().collect(Collectors.toMap(VersionInfo::getVersion, v -> v));
  }

  static State state(String model, long version) {
    VersionInfo v = versions(model).get(version);
    return v == null ? State.STATE_UNSPECIFIED : v.getState();
  }

  /** Polls the repository until {@code version} of {@code model} is in {@code state}. */
  static void pollUntil(String model, long version, State state) {
    Eventually.await(model + " version " + version + " " + state, Duration.ofSeconds(20),
        HotReloadTest::poll, () -> state(model, version) == state);
  }

  static void poll() {
    try {
      server.bean(RepositoryPoller.class).poll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<Long, State> readyOrNot(String model) {
    return versions(model).values().stream().collect(Collectors.toMap(VersionInfo::getVersion, VersionInfo::getState));
  }

  @Test
  void policiesPickVersionsAndARequestWithoutVersionGetsTheHighestReady() {
    assertThat(readyOrNot("latest-two")).containsExactlyInAnyOrderEntriesOf(Map.of(2L, State.READY, 3L, State.READY));
    assertThat(readyOrNot("every"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(1L, State.READY, 2L, State.READY, 3L, State.READY));
    assertThat(readyOrNot("chosen")).containsExactlyInAnyOrderEntriesOf(Map.of(1L, State.READY, 3L, State.READY));
    for (String model : new String[] {"latest-two", "every", "chosen"}) {
      assertThat(embed(model, 0)).as(model).isEqualTo(3);
    }
    assertThat(embed("chosen", 1)).isEqualTo(1);
    assertThat(embed("latest-two", 2)).isEqualTo(2);
    assertThatThrownBy(() -> embed("chosen", 2)).hasMessageContaining("NOT_FOUND").hasMessageContaining("no version 2");
  }

  @Test
  void stagingNamesAreIgnoredUntilRenamed() throws Exception {
    Path model = repository.resolve("staging");
    VersionFiles.copy(model, 1, 3);
    Files.move(model.resolve("3"), model.resolve("03"));
    Files.createDirectories(model.resolve("2.tmp"));
    Files.copy(model.resolve("1/image.onnx"), model.resolve("2.tmp/image.onnx"));
    poll();
    Thread.sleep(300);
    assertThat(versions("staging")).containsOnlyKeys(1L);
    assertThat(embed("staging", 0)).isEqualTo(1);
    VersionFiles.delete(model.resolve("2.tmp"));
    VersionFiles.copy(model, 1, 2);
    pollUntil("staging", 2, State.READY);
    assertThat(embed("staging", 0)).isEqualTo(2);
    assertThat(versions("staging").get(1L).getReason()).isEqualTo("not served by the version policy");
  }

  @Test
  void aFailedVersionLeavesWhatServesAndIsRetriedOnlyWhenItsFilesChange() throws Exception {
    Path model = repository.resolve("rollback");
    VersionFiles.corrupt(model, 2);
    pollUntil("rollback", 2, State.FAILED);
    VersionInfo failed = versions("rollback").get(2L);
    assertThat(failed.getReason()).contains("rollback/2/image.onnx").contains("ONNX Runtime cannot load it");
    assertThat(state("rollback", 1)).isEqualTo(State.READY);
    assertThat(embed("rollback", 0)).isEqualTo(1);
    poll();
    Thread.sleep(300);
    poll();
    Thread.sleep(300);
    assertThat(versions("rollback").get(2L)).as("not retried while unchanged").isEqualTo(failed);
    VersionFiles.delete(model.resolve("2"));
    VersionFiles.copy(model, 1, 2);
    pollUntil("rollback", 2, State.READY);
    assertThat(embed("rollback", 0)).isEqualTo(2);
  }

  @Test
  void changedFilesOfAServedVersionReloadAndAFailedReloadKeepsServing() throws Exception {
    Path config = repository.resolve("reload/config.pbtxt");
    VersionInfo before = versions("reload").get(1L);
    Files.writeString(config, Files.readString(config).replace("\"a photo of a {}.\"", "\"a picture of a {}.\""));
    Eventually.await("version 1 reloaded", Duration.ofSeconds(20), HotReloadTest::poll,
        () -> !versions("reload").get(1L).getSince().equals(before.getSince()));
    assertThat(state("reload", 1)).isEqualTo(State.READY);
    assertThat(info("reload").getConfig().getZeroShotTemplatesList()).contains("a picture of a {}.");
    Files.writeString(repository.resolve("reload/1/text.onnx"), "truncated");
    Eventually.await("the failed reload reported", Duration.ofSeconds(20), HotReloadTest::poll,
        () -> !versions("reload").get(1L).getReason().isEmpty());
    assertThat(versions("reload").get(1L).getState()).isEqualTo(State.READY);
    assertThat(versions("reload").get(1L).getReason()).startsWith("reloading changed files failed, still serving");
    assertThat(embed("reload", 0)).isEqualTo(1);
  }

  @Test
  void aRequestInFlightOnARetiredVersionCompletes() throws Exception {
    LoadedVersion held = server.bean(ModelRegistry.class).acquire("drain", 1);
    models.unloadModel(UnloadModelRequest.newBuilder().setName("drain").setVersion(1).build());
    assertThat(state("drain", 1)).isEqualTo(State.UNLOADING);
    assertThat(embed("drain", 0)).isEqualTo(2);
    Reservation room = held.requireText().batcher().reserve(1);
    float[] vector = held.requireText().encode(held.requireText().tokenize("一只猫"), room, CallScope.NONE).get();
    assertThat(vector).hasSize(info("drain").getConfig().getEmbeddingDim());
    held.release();
    Eventually.await("version 1 released", () -> state("drain", 1) == State.UNAVAILABLE);
    assertThat(versions("drain").get(1L).getReason()).isEqualTo("unloaded on request");
    assertThat(held.retain()).isFalse();
    poll();
    Thread.sleep(300);
    assertThat(state("drain", 1)).as("the poller leaves an unloaded version alone").isEqualTo(State.UNAVAILABLE);
    models.loadModel(LoadModelRequest.newBuilder().setName("drain").setVersion(1).build());
    assertThat(state("drain", 1)).isEqualTo(State.READY);
    assertThat(embed("drain", 1)).isEqualTo(1);
  }

  @Test
  void unloadedModelsStayUnloadedUntilLoadModelAndThePollerAddsAndRemovesModels() throws Exception {
    var health = HealthGrpc.newBlockingStub(server.channel());
    models.unloadModel(UnloadModelRequest.newBuilder().setName("explicit").build());
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("explicit").build()).getStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
    poll();
    Thread.sleep(300);
    assertThatThrownBy(() -> embed("explicit", 0)).isInstanceOf(StatusRuntimeException.class)
        .hasMessageContaining("UNAVAILABLE").hasMessageContaining("unloaded on request");
    models.loadModel(LoadModelRequest.newBuilder().setName("explicit").build());
    assertThat(embed("explicit", 0)).isEqualTo(1);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("explicit").build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);

    new TestRepository(repository).addTiny("added", c -> c);
    pollUntil("added", 1, State.READY);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("added").build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    VersionFiles.delete(repository.resolve("added"));
    poll();
    assertThatThrownBy(() -> info("added")).hasMessageContaining("NOT_FOUND");
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("added").build()).getStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
  }
}
