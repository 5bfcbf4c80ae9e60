package io.clipserve.server.http.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /v1/embeddings} and {@code /v1/models} over a real socket: the response shape, base64 as
 * little-endian float32, {@code dimensions}, and hostile bodies refused in OpenAI's error shape
 * with the documented status while the server goes on.
 */
class OpenAiEndpointTest {
  private static final String MODEL = "cn-clip-tiny";
  private static final int MAX_INPUTS = 4;
  private static final int MAX_BODY = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String IMAGE_URI = "data:image/jpeg;base64,"
      + Base64.getEncoder().encodeToString(TestRepository.image("pokemon.jpeg"));

  @TempDir
  static Path repository;
  static TestServer server;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    server = TestServer.start(repository, Map.of("clipserve.limits.max-inputs", MAX_INPUTS,
        "clipserve.http.max-request-bytes", MAX_BODY));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.httpPort() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode embeddings(String body) throws Exception {
    HttpResponse<String> response = send("POST", "/v1/embeddings", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** An OpenAI error with {@code status}; the server still embeds afterwards. */
  static JsonNode error(String body, int status) throws Exception {
    HttpResponse<String> response = send("POST", "/v1/embeddings", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("message").asText()).isNotEmpty();
    assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
    embeddings("{\"model\": \"" + MODEL + "\", \"input\": \"still serving\"}");
    return error;
  }

  @Test
  void embeddingsHaveOpenAisShape() throws Exception {
    JsonNode out = embeddings("{\"model\": \"" + MODEL + "\", \"input\": [\"一只猫\", \""
        + IMAGE_URI + "\"]}");
    assertThat(out.get("object").asText()).isEqualTo("list");
    assertThat(out.get("model").asText()).isEqualTo(MODEL);
    assertThat(out.get("data")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode item = out.get("data").get(i);
      assertThat(item.get("object").asText()).isEqualTo("embedding");
      assertThat(item.get("index").asInt()).isEqualTo(i);
      assertThat(item.get("embedding").isArray()).isTrue();
    }
    assertThat(out.get("usage").get("prompt_tokens").asInt()).isPositive();
    assertThat(out.get("usage").get("total_tokens").asInt())
        .isEqualTo(out.get("usage").get("prompt_tokens").asInt());
  }

  @Test
  void base64IsLittleEndianFloat32AndDimensionsRenormalise() throws Exception {
    JsonNode floats = embeddings("{\"model\": \"" + MODEL + "\", \"input\": \"皮卡丘\"}")
        .get("data").get(0).get("embedding");
    String encoded = embeddings("{\"model\": \"" + MODEL
        + "\", \"input\": \"皮卡丘\", \"encoding_format\": \"base64\"}")
        .get("data").get(0).get("embedding").asText();
    var decoded = ByteBuffer.wrap(Base64.getDecoder().decode(encoded))
        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    assertThat(decoded.remaining()).isEqualTo(floats.size());
    for (int d = 0; d < floats.size(); d++) {
      assertThat(decoded.get(d)).isEqualTo(floats.get(d).floatValue());
    }
    JsonNode cut = embeddings("{\"model\": \"" + MODEL
        + "\", \"input\": \"皮卡丘\", \"dimensions\": 3}").get("data").get(0).get("embedding");
    assertThat(cut).hasSize(3);
    double norm = 0;
    for (JsonNode v : cut) {
      norm += v.asDouble() * v.asDouble();
    }
    assertThat(norm).isBetween(0.9999, 1.0001);
    assertThat(Math.signum(cut.get(0).asDouble())).isEqualTo(Math.signum(floats.get(0).asDouble()));
  }

  @Test
  void modelsAreListedAndAnUnknownModelIs404() throws Exception {
    HttpResponse<String> list = send("GET", "/v1/models", null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode models = JSON.readTree(list.body());
    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.get("data").get(0).get("id").asText()).isEqualTo(MODEL);
    assertThat(models.get("data").get(0).get("object").asText()).isEqualTo("model");
    assertThat(send("GET", "/v1/models/" + MODEL, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/models/no-such-model", null).statusCode()).isEqualTo(404);
    JsonNode error = error("{\"model\": \"no-such-model\", \"input\": \"x\"}", 404);
    assertThat(error.get("code").asText()).isEqualTo("model_not_found");
    assertThat(error.get("param").asText()).isEqualTo("model");
  }

  @Test
  void hostileBodiesAreRefusedInOpenAisShape() throws Exception {
    String model = "{\"model\": \"" + MODEL + "\", ";
    assertThat(error("{\"model\": ", 400).get("message").asText()).contains("not JSON");
    error("[]", 400);
    error("{\"input\": \"no model\"}", 400);
    assertThat(error(model + "\"input\": [[101, 102]]}", 400).get("message").asText())
        .contains("token-id arrays");
    error(model + "\"input\": [1, 2]}", 400);
    error(model + "\"input\": []}", 400);
    error(model + "\"input\": {\"text\": \"x\"}}", 400);
    error(model + "\"input\": \"\"}", 400);
    assertThat(error(model + "\"input\": [\"a\", \"data:image/png;base64,%%%\"]}", 400)
        .get("message").asText()).contains("input[1]").contains("base64");
    error(model + "\"input\": \"data:image/png;base64,aGVsbG8gd29ybGQ=\"}", 400);
    error(model + "\"input\": \"data:text/plain;base64,aGVsbG8=\"}", 400);
    assertThat(error(model + "\"input\": \"https://example.com/cat.png\"}", 400)
        .get("message").asText()).contains("not fetched");
    error(model + "\"input\": \"x\", \"encoding_format\": \"int8\"}", 400);
    error(model + "\"input\": \"x\", \"dimensions\": 0}", 400);
    error(model + "\"input\": \"x\", \"dimensions\": \"8\"}", 400);
    assertThat(error(model + "\"input\": \"x\", \"dimensions\": 100000}", 400)
        .get("message").asText()).contains("dimensions");
    assertThat(error(model + "\"input\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 400)
        .get("message").asText()).contains("clipserve.limits.max-inputs");
  }

  @Test
  void aBodyOverTheLimitIs413NamingTheSetting() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/embeddings", "{\"model\": \"" + MODEL
        + "\", \"input\": \"" + "x".repeat(2 * MAX_BODY) + "\"}");
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).get("error").get("message").asText())
        .contains("clipserve.http.max-request-bytes");
  }
}
