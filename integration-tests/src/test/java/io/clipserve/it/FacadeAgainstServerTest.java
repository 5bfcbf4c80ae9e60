package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.EmbeddingResult;
import io.clipserve.client.Inputs;
import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java facade against the real server serving the bundled repository, over a socket. */
@ExtendWith(SharedServer.class)
class FacadeAgainstServerTest {
  private static final String MODEL = RealServer.MODEL;
  private static final Path IMAGES = RealServer.IMAGES;
  static ClipServeClient client;

  @BeforeAll
  static void connect(RealServer server) {
    client = server.client();
  }

  @Test
  void embedsTextsAndImagesAsUnitVectors() throws Exception {
    EmbeddingResult texts = client.embedTexts(MODEL, List.of("皮卡丘", "杰尼龟"));
    EmbeddingResult images =
        client.async().embedImages(MODEL, List.of(IMAGES.resolve("pokemon.jpeg"))).get();
    assertThat(texts.vectors()).hasSize(2);
    for (float[] v : List.of(texts.vector(0), images.vector(0))) {
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void similarityClassifyAndModels() {
    var similarity = client.similarity(MODEL, List.of(Inputs.image(IMAGES.resolve("pokemon.jpeg"))),
        List.of(Inputs.text("杰尼龟"), Inputs.text("妙蛙种子"), Inputs.text("小火龙"),
            Inputs.text("皮卡丘")), 0);
    assertThat(similarity.getRows(0).getScoresList().stream()
        .mapToDouble(Score::getProbability).sum()).isCloseTo(1.0, within(1e-5));
    var classify = client.classify(MODEL, List.of(Inputs.image(IMAGES.resolve("pokemon.jpeg"))),
        List.of("杰尼龟", "皮卡丘"), List.of(), 1);
    assertThat(classify.getRows(0).getScoresList()).hasSize(1);
    assertThat(client.listModels().get(0).getVersions(0).getState())
        .isEqualTo(VersionInfo.State.READY);
  }

  @Test
  void errorsArriveAsStatusExceptions() {
    assertThatThrownBy(() -> client.embedTexts("no-such-model", List.of("a")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }
}
