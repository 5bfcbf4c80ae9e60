package io.clipserve.server.exactness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.server.testing.TestRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server's raw embeddings of pokemon.jpeg and of the three reference texts (through the
 * model's real tokenizer) equal torch's on the same seeded weights (tools/gen_clip_model.py
 * --reference) to cosine 0.99999, for the bundled dynamic-batch model and the fixed batch-1
 * fixture, alone in a request and among seven other items of one request.
 */
class ReferenceEmbeddingTest {

  private static final double MIN_COSINE = 0.99999;
  private static final String POKEMON = "pokemon.jpeg";
  private static final List<String> OTHER_PHOTOS = List.of("coco_000000005082.jpg",
      "coco_000000014309.jpg", "coco_000000024283.jpg", "coco_000000025111.jpg",
      "coco_000000043121.jpg", "coco_000000047693.jpg", "coco_000000057110.jpg");
  private static final List<String> OTHER_TEXTS = List.of("妙蛙种子", "a photo of a cat",
      "今天天气很好，我们去公园散步吧！", "小火龙", "一只猫的照片");
  @TempDir
  static Path repository;
  static ProbeServer server;

  @BeforeAll
  static void start() {
    TestRepository models = new TestRepository(repository).addTiny(TestRepository.TINY, c -> c)
        .add(TestRepository.FIXTURES.resolve("cn-clip-tiny-b1"), "cn-clip-tiny-b1", c -> c);
    server = new ProbeServer(models);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"cn-clip-tiny, cn-clip-tiny-reference.json",
      "cn-clip-tiny-b1, cn-clip-tiny-b1/reference.json"})
  void imageEqualsTorchAloneAndAmongOthers(String model, String referenceFile) throws IOException {
    JsonArray expected =
        reference(referenceFile).getAsJsonObject("image").getAsJsonArray("embedding");
    Input pokemon = ProbeServer.image(POKEMON, TestRepository.image(POKEMON));
    assertCosine(server.embedRaw(model, List.of(pokemon)).getEmbeddings(0), expected, "alone");

    List<Input> eight = new ArrayList<>();
    OTHER_PHOTOS.forEach(photo -> eight.add(ProbeServer.image(photo, TestRepository.image(photo))));
    eight.add(3, pokemon);
    assertCosine(server.embedRaw(model, eight).getEmbeddings(3), expected, "4th of 8");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"cn-clip-tiny, cn-clip-tiny-reference.json",
      "cn-clip-tiny-b1, cn-clip-tiny-b1/reference.json"})
  void textsEqualTorchAloneAndAmongOthers(String model, String referenceFile) throws IOException {
    JsonArray texts = reference(referenceFile).getAsJsonArray("texts");
    List<Input> eight = new ArrayList<>(OTHER_TEXTS.stream().map(ProbeServer::text).toList());
    for (int i = 0; i < texts.size(); i++) {
      JsonObject text = texts.get(i).getAsJsonObject();
      String content = text.get("text").getAsString();
      List<Long> ids = server.embedding().tokenize(TokenizeRequest.newBuilder().setModel(model)
          .addTexts(content).build()).getTexts(0).getIdsList();
      List<Long> expectedIds = new ArrayList<>();
      text.getAsJsonArray("ids").forEach(id -> expectedIds.add(id.getAsLong()));
      assertThat(ids).as("%s ids", content).isEqualTo(expectedIds);
      assertCosine(server.embedRaw(model, List.of(ProbeServer.text(content))).getEmbeddings(0),
          text.getAsJsonArray("embedding"), content + " alone");
      eight.add(2 * i + 1, ProbeServer.text(content));
    }
    EmbedResponse together = server.embedRaw(model, eight);
    for (int i = 0; i < texts.size(); i++) {
      JsonObject text = texts.get(i).getAsJsonObject();
      assertCosine(together.getEmbeddings(2 * i + 1), text.getAsJsonArray("embedding"),
          text.get("text").getAsString() + " among 8");
    }
  }

  private static JsonObject reference(String file) throws IOException {
    return JsonParser.parseString(Files.readString(TestRepository.FIXTURES.resolve(file)))
        .getAsJsonObject();
  }

  private static void assertCosine(Embedding actual, JsonArray expected, String what) {
    assertThat(actual.getValuesCount()).as(what).isEqualTo(expected.size());
    double dot = 0;
    double actualNorm = 0;
    double expectedNorm = 0;
    for (int i = 0; i < expected.size(); i++) {
      double x = actual.getValues(i);
      double y = expected.get(i).getAsDouble();
      dot += x * y;
      actualNorm += x * x;
      expectedNorm += y * y;
    }
    assertThat(dot / Math.sqrt(actualNorm * expectedNorm)).as("cosine with torch, %s", what)
        .isGreaterThanOrEqualTo(MIN_COSINE);
    assertThat(Math.sqrt(actualNorm / expectedNorm)).as("raw, not normalised: %s", what)
        .isCloseTo(1.0, within(1e-4));
  }
}
