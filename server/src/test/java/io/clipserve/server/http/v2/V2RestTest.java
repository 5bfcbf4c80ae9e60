package io.clipserve.server.http.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KServe v2 REST endpoints over a real socket with java.net.http, on a server that wants an
 * inference token: health open, the rest behind the token, embeddings equal to gRPC Embed's.
 */
class V2RestTest {
  private static final String MODEL = "cn-clip-tiny";
  private static final String TOKEN = "v2-inference-token-51c7";
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  static TestServer server;
  static HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    Path repository = Files.createDirectories(dir.resolve("repository"));
    new TestRepository(repository).addTiny(MODEL, c -> c);
    Path tokens = Files.writeString(dir.resolve("inference.tokens"), TOKEN + "\n");
    server = TestServer.start(repository,
        Map.of("clipserve.inference-token-file", tokens.toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void healthIsOpenAndTheRestNeedsTheToken() throws Exception {
    assertThat(get("/v2/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<String> ready = get("/v2/health/ready", null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("ready").asBoolean()).isTrue();
    assertThat(get("/v2/models/" + MODEL + ".text", null).statusCode()).isEqualTo(401);
    assertThat(post("/v2/models/" + MODEL + ".text/infer", "{}", null).statusCode())
        .isEqualTo(401);
    assertThat(get("/v2/models/" + MODEL + ".text/ready", TOKEN).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(get("/v2", TOKEN).body()).get("name").asText())
        .isEqualTo("clipserve");
  }

  @Test
  void metadataNamesTheTensors() throws Exception {
    JsonNode metadata = JSON.readTree(get("/v2/models/" + MODEL + ".image", TOKEN).body());
    assertThat(metadata.get("name").asText()).isEqualTo(MODEL + ".image");
    assertThat(metadata.get("versions").get(0).asText()).isEqualTo("1");
    assertThat(metadata.at("/inputs/0/name").asText()).isEqualTo("INPUT");
    assertThat(metadata.at("/inputs/0/datatype").asText()).isEqualTo("BYTES");
    assertThat(metadata.at("/outputs/0/datatype").asText()).isEqualTo("FP32");
    assertThat(metadata.at("/outputs/0/shape/1").asInt()).isEqualTo(embed(text("x")).length);
  }

  @Test
  void inferEqualsEmbedForTextsAndBase64Images() throws Exception {
    HttpResponse<String> texts = post("/v2/models/" + MODEL + ".text/infer", """
        {"id": "r1", "inputs": [{"name": "INPUT", "datatype": "BYTES", "shape": [2],
          "data": ["皮卡丘", "a dog"]}], "outputs": [{"name": "EMBEDDING"}]}""", TOKEN);
    assertThat(texts.statusCode()).as(texts.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(texts.body());
    assertThat(answer.get("id").asText()).isEqualTo("r1");
    assertThat(answer.get("model_version").asText()).isEqualTo("1");
    assertRow(answer, 0, embed(text("皮卡丘")));
    assertRow(answer, 1, embed(text("a dog")));

    byte[] pokemon = TestRepository.image("pokemon.jpeg");
    HttpResponse<String> image = post("/v2/models/" + MODEL + ".image/infer",
        "{\"inputs\": [{\"name\": \"INPUT\", \"datatype\": \"BYTES\", \"shape\": [1, 1],"
            + " \"parameters\": {\"binary_data\": false}, \"data\": [[\""
            + Base64.getEncoder().encodeToString(pokemon) + "\"]]}]}", TOKEN);
    assertThat(image.statusCode()).as(image.body()).isEqualTo(200);
    assertRow(JSON.readTree(image.body()), 0,
        embed(Input.newBuilder().setImage(com.google.protobuf.ByteString.copyFrom(pokemon)).build()));
  }

  @Test
  void hostileBodiesAreRefusedWithTheirStatus() throws Exception {
    assertError(post("/v2/models/no-such.text/infer", tensor("[\"a\"]", 1), TOKEN), 404,
        "model 'no-such' is not in the repository");
    assertError(get("/v2/models/" + MODEL, TOKEN), 404, "v2 model 'cn-clip-tiny' does not exist");
    assertError(post("/v2/models/" + MODEL + ".text/infer", "{\"inputs\": [", TOKEN), 400,
        "the body is not JSON");
    assertError(post("/v2/models/" + MODEL + ".text/infer", tensor("[\"a\"]", 2), TOKEN), 400,
        "INPUT has shape [2] (2 elements) but 1 elements were sent");
    assertError(post("/v2/models/" + MODEL + ".text/infer", tensor("[1.5]", 1), TOKEN), 400,
        "INPUT data[0] is 1.5; BYTES elements are JSON strings");
    assertError(post("/v2/models/" + MODEL + ".image/infer", tensor("[\"***\"]", 1), TOKEN), 400,
        "INPUT data[0] is not base64");
    assertError(post("/v2/models/" + MODEL + ".text/infer", "{\"inputs\": [{\"name\": \"INPUT\","
        + " \"datatype\": \"BYTES\", \"shape\": [1], \"data\": [\"a\"]}],"
        + " \"outputs\": [{\"name\": \"EMBEDDING\", \"parameters\": {\"binary_data\": true}}]}",
        TOKEN), 400, "binary_data outputs are not supported");
  }

  private static String tensor(String data, int n) {
    return "{\"inputs\": [{\"name\": \"INPUT\", \"datatype\": \"BYTES\", \"shape\": [" + n
        + "], \"data\": " + data + "}]}";
  }

  private static void assertError(HttpResponse<String> response, int status, String message)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith(message);
  }

  private static void assertRow(JsonNode answer, int row, float[] expected) {
    JsonNode output = answer.at("/outputs/0");
    assertThat(output.get("name").asText()).isEqualTo("EMBEDDING");
    int dim = output.at("/shape/1").asInt();
    assertThat(dim).isEqualTo(expected.length);
    for (int i = 0; i < dim; i++) {
      assertThat((float) output.get("data").get(row * dim + i).asDouble())
          .isCloseTo(expected[i], within(1e-6f));
    }
  }

  private static Input text(String text) {
    return Input.newBuilder().setText(text).build();
  }

  private static float[] embed(Input input) {
    Embedding embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel())
        .withCallCredentials(new BearerCredentials())
        .embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(input).build())
        .getEmbeddings(0);
    float[] v = new float[embedding.getValuesCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = embedding.getValues(i);
    }
    return v;
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body, String token)
      throws Exception {
    return http.send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private static final class BearerCredentials extends CallCredentials {
    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
          "Bearer " + TOKEN);
      applier.apply(headers);
    }
  }
}
