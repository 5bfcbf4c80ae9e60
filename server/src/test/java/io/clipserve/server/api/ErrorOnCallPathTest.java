package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.image;
import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OutOfMemoryError thrown by every text-encoder run (injected through the encoder-provider
 * bean, {@link io.clipserve.server.testing.ErrorInjectingEncoders}) on a real server: each call
 * is answered RESOURCE_EXHAUSTED, the workers go on, a failed label embedding is not cached, and
 * the version's holds are released so that an unloaded version reaches UNAVAILABLE.
 */
class ErrorOnCallPathTest {
  private static final String MODEL = "oom";

  @TempDir
  Path repository;

  @Test
  void anErrorInInferenceIsAnsweredAndLeavesNothingHeld() throws Exception {
    new TestRepository(repository).addTiny(MODEL, config -> config.replace(
        "file: \"text.onnx\"\n  backend: ONNXRUNTIME", "file: \"text.onnx\"\n  backend: TENSORRT"));
    try (TestServer server = TestServer.start(repository,
        Map.of("clipserve.test.error-injecting-encoders", "true"))) {
      var embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
      var models = ModelServiceGrpc.newBlockingStub(server.channel());

      for (String word : new String[] {"猫", "狗", "鸟"}) {
        assertOutOfMemory(() -> embedding.withDeadlineAfter(30, TimeUnit.SECONDS)
            .embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(text(word)).build()));
        ClassifyRequest classify = ClassifyRequest.newBuilder().setModel(MODEL)
            .addImages(image("pokemon.jpeg")).addLabels("猫").build();
        // The second time finds no failed entry to wait on forever: it fails the same way.
        assertOutOfMemory(() -> embedding.withDeadlineAfter(30, TimeUnit.SECONDS)
            .classify(classify));
      }
      assertThat(embedding.withDeadlineAfter(30, TimeUnit.SECONDS).embed(EmbedRequest.newBuilder()
          .setModel(MODEL).addInputs(image("pokemon.jpeg")).build()).getEmbeddingsCount())
          .as("the image encoder still serves").isEqualTo(1);

      models.unloadModel(UnloadModelRequest.newBuilder().setName(MODEL).setVersion(1).build());
      Eventually.await("version 1 released and closed", Duration.ofSeconds(30), () -> {},
          () -> models.getModel(GetModelRequest.newBuilder().setName(MODEL).build())
              .getVersions(0).getState() == VersionInfo.State.UNAVAILABLE);
    }
  }

  private static void assertOutOfMemory(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOf(StatusRuntimeException.class).satisfies(error -> {
      Status status = ((StatusRuntimeException) error).getStatus();
      assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(status.getDescription()).contains("OutOfMemoryError: injected into");
    });
  }
}
