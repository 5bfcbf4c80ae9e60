package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.EmbedOptions;
import io.clipserve.client.EmbeddingResult;
import io.clipserve.client.Inputs;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
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

  @Test
  void dimensionsShortenAndRenormalise() {
    float[] full = client.embedTexts(MODEL, List.of("皮卡丘")).vector(0);
    float[] short16 = client.embedTexts(MODEL, List.of("皮卡丘"),
        EmbedOptions.DEFAULT.withDimensions(16)).vector(0);
    assertThat(short16).hasSize(16);
    double norm = 0;
    for (int i = 0; i < 16; i++) {
      norm += full[i] * full[i];
    }
    for (int i = 0; i < 16; i++) {
      assertThat(short16[i]).isCloseTo((float) (full[i] / Math.sqrt(norm)), within(1e-5f));
    }
    assertThatThrownBy(() -> client.embedTexts(MODEL, List.of("a"),
        EmbedOptions.DEFAULT.withDimensions(full.length + 1)))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).isEqualTo("dimensions is " + (full.length + 1)
              + "; it must be 0 (all) to the model's embedding_dim = " + full.length);
        });
  }

  @Test
  void packedElementTypesOverTheWire() {
    var stub = EmbeddingServiceGrpc.newBlockingStub(client.channel());
    EmbedRequest request = EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Inputs.image(IMAGES.resolve("pokemon.jpeg"))).build();
    float[] full = client.embedImages(MODEL, List.of(IMAGES.resolve("pokemon.jpeg"))).vector(0);
    EmbedResponse bits = stub.embed(request.toBuilder()
        .setElementType(EmbedRequest.ElementType.UBINARY).build());
    byte[] packed = bits.getEmbeddings(0).getPacked().toByteArray();
    assertThat(bits.getEmbeddings(0).getValuesCount()).isZero();
    assertThat(packed).hasSize((full.length + 7) / 8);
    for (int i = 0; i < full.length; i++) {
      assertThat((packed[i / 8] >> (7 - i % 8) & 1) == 1).as("bit %d", i).isEqualTo(full[i] > 0);
    }
    byte[] int8 = stub.embed(request.toBuilder().setElementType(EmbedRequest.ElementType.INT8)
        .build()).getEmbeddings(0).getPacked().toByteArray();
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < full.length; i++) {
      dot += full[i] * int8[i];
      norm += int8[i] * int8[i];
    }
    assertThat(dot / Math.sqrt(norm)).isGreaterThan(0.999);
    byte[] half = stub.embed(request.toBuilder().setElementType(EmbedRequest.ElementType.FLOAT16)
        .build()).getEmbeddings(0).getPacked().toByteArray();
    assertThat(half).hasSize(2 * full.length);
  }
}
