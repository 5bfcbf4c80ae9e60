package io.clipserve.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipserve.proto.v1.EncoderBatchLimits;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.registry.VersionLoader;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * GetModel and ListModels show each encoder's batch limits as loaded from its file: a fixed batch
 * of 1 (Chinese-CLIP's own exports) caps the configured max_batch_size and is logged once per
 * encoder with how to re-export; a batch axis fixed above 1 fails the load naming the fix.
 */
class EffectiveBatchTest {
  @TempDir
  static Path repository;
  static TestServer server;
  static ModelServiceGrpc.ModelServiceBlockingStub models;
  static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

  @BeforeAll
  static void start() {
    ((Logger) LoggerFactory.getLogger(VersionLoader.class)).addAppender(LOGS);
    LOGS.start();
    new TestRepository(repository)
        .addTiny("dynamic", c -> c)
        .add(TestRepository.FIXTURES.resolve("cn-clip-tiny-b1"), "fixed",
            c -> c.replace("max_batch_size: 1\n  instance_count: 1",
                    "max_batch_size: 32\n  instance_count: 1")
                .replace("max_batch_size: 1\n  instance_count: 2",
                    "max_batch_size: 64\n  instance_count: 2"))
        .add(TestRepository.FIXTURES.resolve("probe-text-b4-52"), "fixed-four", c -> c);
    server = TestServer.start(repository);
    models = ModelServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    ((Logger) LoggerFactory.getLogger(VersionLoader.class)).detachAppender(LOGS);
  }

  private static VersionInfo version(String model) {
    ModelInfo info = models.getModel(GetModelRequest.newBuilder().setName(model).build());
    assertThat(info.getVersionsList()).hasSize(1);
    return info.getVersions(0);
  }

  private static EncoderBatchLimits limits(int configured, int file, int effective) {
    return EncoderBatchLimits.newBuilder().setConfiguredMaxBatchSize(configured)
        .setFileMaxBatchSize(file).setEffectiveMaxBatchSize(effective).build();
  }

  @Test
  void aDynamicBatchAxisLeavesTheConfiguredMaximum() {
    VersionInfo v = version("dynamic");
    assertThat(v.getState()).isEqualTo(VersionInfo.State.READY);
    assertThat(v.getImageBatch()).isEqualTo(limits(32, 0, 32));
    assertThat(v.getTextBatch()).isEqualTo(limits(64, 0, 64));
  }

  @Test
  void aFixedBatchOfOneIsShownBesideTheConfiguredOneAndLoggedOnceWithTheFix() {
    VersionInfo v = version("fixed");
    assertThat(v.getState()).isEqualTo(VersionInfo.State.READY);
    assertThat(v.getImageBatch()).isEqualTo(limits(32, 1, 1));
    assertThat(v.getTextBatch()).isEqualTo(limits(64, 1, 1));
    ModelInfo listed = models.listModels(ListModelsRequest.getDefaultInstance()).getModelsList()
        .stream().filter(m -> m.getName().equals("fixed")).findFirst().orElseThrow();
    assertThat(listed.getVersions(0).getTextBatch()).isEqualTo(limits(64, 1, 1));

    List<String> warnings = LOGS.list.stream()
        .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().startsWith("fixed/1/"))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(2);
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("fixed/1/text: text.onnx takes a"
        + " fixed batch of 1").contains("max_batch_size is 64").contains("dynamic_axes={'text'")
        .contains("tools/README.md"));
    assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("fixed/1/image: image.onnx"));
    assertThat(LOGS.list).noneMatch(e -> e.getFormattedMessage().startsWith("dynamic/1/"));
  }

  @Test
  void aBatchAxisFixedAboveOneFailsTheLoadNamingTheFix() {
    VersionInfo v = version("fixed-four");
    assertThat(v.getState()).isEqualTo(VersionInfo.State.FAILED);
    assertThat(v.getReason()).contains("input 'text' has a fixed batch size of 4")
        .contains("dynamic batch axis");
    assertThat(v.hasTextBatch()).isFalse();
  }
}
