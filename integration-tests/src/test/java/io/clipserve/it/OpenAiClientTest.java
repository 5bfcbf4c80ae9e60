package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.TokenizeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The official {@code openai} Python client ({@code openai_e2e.py}) against {@code /v1}: its
 * {@code embeddings.create} with two texts, with a data-URI image, with {@code dimensions} and
 * {@code encoding_format="base64"} gives gRPC Embed's vectors (cosine ≥ 0.99999; truncated and
 * renormalised for {@code dimensions}), usage counts the tokenizer's tokens, and its error
 * classes see OpenAI's error shape. Python is {@code python3} or {@code CLIPSERVE_PYTHON}, with
 * the {@code openai} package.
 */
@ExtendWith(SharedServer.class)
class OpenAiClientTest {
  private static final List<String> TEXTS = List.of("皮卡丘", "a photo of a cat");
  static RealServer server;

  @BeforeAll
  static void connect(RealServer shared) {
    server = shared;
  }

  @Test
  void openAiClientGetsGrpcsEmbeddings() throws Exception {
    var grpc = EmbeddingServiceGrpc.newBlockingStub(server.client().channel());
    Path image = RealServer.IMAGES.resolve("pokemon.jpeg");
    Input imageInput = Input.newBuilder()
        .setImage(ByteString.copyFrom(Files.readAllBytes(image))).build();
    var embedded = grpc.embed(EmbedRequest.newBuilder().setModel(RealServer.MODEL)
        .addInputs(Input.newBuilder().setText(TEXTS.get(0)))
        .addInputs(Input.newBuilder().setText(TEXTS.get(1))).addInputs(imageInput).build());
    List<float[]> want = embedded.getEmbeddingsList().stream()
        .map(e -> toArray(e.getValuesList())).toList();
    int dimensions = want.get(0).length / 2;

    String output = PythonChecks.run("openai_e2e.py",
        "--base-url", "http://127.0.0.1:" + server.httpPort() + "/v1",
        "--model", RealServer.MODEL, "--image", image.toString(),
        "--dimensions", String.valueOf(dimensions), "--texts", TEXTS.get(0), TEXTS.get(1));
    String line = output.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
    JsonNode result = new ObjectMapper().readTree(line.substring("RESULT ".length()));

    for (int i = 0; i < 2; i++) {
      assertSame(result.get("texts").get(i), want.get(i));
      assertSame(result.get("texts_float").get(i), want.get(i));
    }
    assertSame(result.get("image"), want.get(2));
    assertSame(result.get("dimensions").get(0), renormalised(want.get(0), dimensions));
    assertSame(result.get("dimensions").get(1), renormalised(want.get(2), dimensions));

    int tokens = grpc.tokenize(TokenizeRequest.newBuilder().setModel(RealServer.MODEL)
        .addAllTexts(TEXTS).build()).getTextsList().stream()
        .mapToInt(t -> t.getTokensCount()).sum();
    assertThat(result.get("prompt_tokens").asInt()).isEqualTo(tokens).isPositive();
  }

  private static void assertSame(JsonNode got, float[] want) {
    assertThat(got.size()).isEqualTo(want.length);
    double dot = 0;
    double gotNorm = 0;
    double wantNorm = 0;
    for (int d = 0; d < want.length; d++) {
      double g = got.get(d).asDouble();
      dot += g * want[d];
      gotNorm += g * g;
      wantNorm += (double) want[d] * want[d];
    }
    assertThat(Math.sqrt(gotNorm)).isCloseTo(1.0, within(1e-4));
    assertThat(dot / Math.sqrt(gotNorm * wantNorm)).isGreaterThanOrEqualTo(0.99999);
  }

  private static float[] renormalised(float[] values, int dimensions) {
    double norm = 0;
    for (int d = 0; d < dimensions; d++) {
      norm += (double) values[d] * values[d];
    }
    float[] out = new float[dimensions];
    for (int d = 0; d < dimensions; d++) {
      out[d] = (float) (values[d] / Math.sqrt(norm));
    }
    return out;
  }

  private static float[] toArray(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
