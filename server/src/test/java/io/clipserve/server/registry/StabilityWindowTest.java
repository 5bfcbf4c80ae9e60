package io.clipserve.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.repository.VersionReadiness;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.clipserve.server.testing.VersionFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A version loads once its files are quiet for the stability window, or at once with a READY marker. */
class StabilityWindowTest {
  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;
  static ModelServiceGrpc.ModelServiceBlockingStub models;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny("window", c -> c).addTiny("marker", c -> c).addTiny("fresh", c -> c);
    VersionFiles.age(repository.resolve("window"));
    VersionFiles.age(repository.resolve("marker"));
    server = TestServer.start(repository, Map.of("clipserve.repository.stability-ms", 1000));
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
    models = ModelServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static long embed(String model) {
    return embedding.embed(EmbedRequest.newBuilder().setModel(model)
        .addInputs(Input.newBuilder().setText("一只猫")).build()).getModelVersion();
  }

  static VersionInfo version(ModelInfo info, long version) {
    return info.getVersionsList().stream().filter(v -> v.getVersion() == version).findFirst().orElseThrow();
  }

  @Test
  void startUpWaitsForFilesJustCopied() {
    assertThat(embed("fresh")).isEqualTo(1);
  }

  @Test
  void aVersionJustCopiedWaitsForTheWindowWhileTheOldOneServes() {
    VersionFiles.copy(repository.resolve("window"), 1, 2);
    ModelInfo info = models.loadModel(LoadModelRequest.newBuilder().setName("window").build());
    assertThat(version(info, 2).getState()).isEqualTo(State.UNAVAILABLE);
    assertThat(version(info, 2).getReason()).startsWith("waiting for files to be complete (stability window");
    assertThat(version(info, 1).getState()).isEqualTo(State.READY);
    assertThat(embed("window")).isEqualTo(1);
    // Polling is off: the re-check that the waiting version scheduled loads it.
    Eventually.await("version 2 READY", () -> version(models.getModel(
        GetModelRequest.newBuilder().setName("window").build()), 2).getState() == State.READY);
    assertThat(embed("window")).isEqualTo(2);
  }

  @Test
  void theReadyMarkerLoadsAVersionAtOnce() throws Exception {
    Path model = repository.resolve("marker");
    VersionFiles.copy(model, 1, 2);
    Files.createFile(model.resolve("2").resolve(VersionReadiness.MARKER));
    ModelInfo info = models.loadModel(LoadModelRequest.newBuilder().setName("marker").build());
    assertThat(version(info, 2).getState()).isEqualTo(State.READY);
    assertThat(embed("marker")).isEqualTo(2);
  }
}
