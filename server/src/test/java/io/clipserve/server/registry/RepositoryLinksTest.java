package io.clipserve.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.clipserve.server.testing.VersionFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * On the real server: version directories and encoder files linked out of the repository fail to
 * load with a reason relative to the repository while the previous version keeps serving, and a
 * broken config is logged once per change, not on every look.
 */
class RepositoryLinksTest {
  static final String OUTSIDE =
      ": resolves outside the model repository; symlinks may point only inside it";
  @TempDir
  static Path temp;
  static Path repository;
  static Path outside;
  static TestServer server;
  static ModelServiceGrpc.ModelServiceBlockingStub models;

  @BeforeAll
  static void start() throws Exception {
    repository = Files.createDirectories(temp.resolve("repository"));
    outside = Files.createDirectories(temp.resolve("outside"));
    TestRepository repo = new TestRepository(repository);
    for (String model : new String[] {"linked-version", "linked-encoder", "broken"}) {
      repo.addTiny(model, c -> c);
    }
    VersionFiles.copy(repository.resolve("linked-version"), 1, 2);
    Files.move(repository.resolve("linked-version/2"), outside.resolve("2"));
    Files.createSymbolicLink(repository.resolve("linked-version/2"), outside.resolve("2"));
    Path encoderVersion = Files.createDirectories(repository.resolve("linked-encoder/2"));
    for (String file : new String[] {"image.onnx", "text.onnx"}) {
      Files.copy(repository.resolve("linked-encoder/1").resolve(file), outside.resolve(file));
      Files.createSymbolicLink(encoderVersion.resolve(file), outside.resolve(file));
    }
    server = TestServer.start(repository);
    models = ModelServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static ModelInfo info(String model) {
    return models.getModel(GetModelRequest.newBuilder().setName(model).build());
  }

  static VersionInfo version(String model, long version) {
    return info(model).getVersionsList().stream().filter(v -> v.getVersion() == version).findFirst()
        .orElseThrow();
  }

  @Test
  void aVersionDirectoryLinkedOutsideFailsAndThePreviousVersionServes() {
    VersionInfo linked = version("linked-version", 2);
    assertThat(linked.getState()).isEqualTo(State.FAILED);
    assertThat(linked.getReason()).isEqualTo("linked-version/2" + OUTSIDE);
    assertThat(version("linked-version", 1).getState()).isEqualTo(State.READY);
  }

  @Test
  void anEncoderFileLinkedOutsideFails() {
    VersionInfo linked = version("linked-encoder", 2);
    assertThat(linked.getState()).isEqualTo(State.FAILED);
    assertThat(linked.getReason()).startsWith("linked-encoder/2/")
        .contains("resolves outside the model repository").doesNotContain(temp.toString());
    assertThat(version("linked-encoder", 1).getState()).isEqualTo(State.READY);
  }

  @Test
  void aBrokenConfigIsLoggedOnceWhenItBreaksAndOnceWhenItRecovers() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ModelRefresher.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      Path config = repository.resolve("broken/config.pbtxt");
      String good = Files.readString(config);
      Files.writeString(config, good + "\nbogus_field: 1\n");
      for (int look = 0; look < 5; look++) {
        models.loadModel(LoadModelRequest.newBuilder().setName("broken").build());
      }
      assertThat(info("broken").getReason())
          .startsWith("broken/config.pbtxt: not valid protobuf text format")
          .doesNotContain(temp.toString());
      Files.writeString(config, good);
      for (int look = 0; look < 3; look++) {
        models.loadModel(LoadModelRequest.newBuilder().setName("broken").build());
      }
      assertThat(info("broken").getReason()).isEmpty();
      List<String> lines = logged.list.stream()
          .filter(e -> e.getFormattedMessage().startsWith("model broken:"))
          .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0))
          .startsWith(Level.ERROR + " model broken: broken/config.pbtxt: not valid");
      assertThat(lines.get(1))
          .isEqualTo(Level.INFO + " model broken: its directory reads correctly again");
    } finally {
      logger.detachAppender(logged);
    }
  }
}
