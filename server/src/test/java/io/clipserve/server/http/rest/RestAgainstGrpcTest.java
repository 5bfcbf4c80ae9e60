package io.clipserve.server.http.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.SimilarityRow;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST over a real socket (java.net.http) against gRPC on the same server: the same answers for
 * the same requests, errors as the documented HTTP statuses with the gRPC code and message, and
 * hostile bodies (bad JSON, bad base64, a body over the limit) refused while the server goes on.
 */
class RestAgainstGrpcTest {
  private static final String MODEL = "cn-clip-tiny";
  private static final int MAX_INPUTS = 8;
  private static final int MAX_BODY = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path repository;
  @TempDir
  static Path tokens;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;
  static ModelServiceGrpc.ModelServiceBlockingStub models;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    server = TestServer.start(repository, Map.of("clipserve.limits.max-inputs", MAX_INPUTS,
        "clipserve.http.max-request-bytes", MAX_BODY));
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
    models = ModelServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Input text(String text) {
    return Input.newBuilder().setId(text).setText(text).build();
  }

  static Input image(String file) {
    return Input.newBuilder().setId(file)
        .setImage(ByteString.copyFrom(TestRepository.image(file))).build();
  }

  static HttpResponse<String> send(TestServer to, String method, String path, String body,
      String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + to.httpPort() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String body) throws Exception {
    return send(server, "POST", path, body, null);
  }

  static <B extends Message.Builder> B ok(HttpResponse<String> response, B builder)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonFormat.parser().merge(response.body(), builder);
    return builder;
  }

  static String json(Message message) throws Exception {
    return JsonFormat.printer().print(message);
  }

  /** The REST error: status, body {code, message}; the server still embeds afterwards. */
  static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("code").asText()).isEqualTo(code);
    ok(post("/api/v1/embed", json(EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(text("still serving")).build())), EmbedResponse.newBuilder());
    return body;
  }

  @Test
  void embedEqualsGrpc() throws Exception {
    EmbedRequest request = EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(text("皮卡丘")).addInputs(image("pokemon.jpeg"))
        .addInputs(text("一只猫")).build();
    EmbedResponse grpc = embedding.embed(request);
    EmbedResponse rest = ok(post("/api/v1/embed", json(request)), EmbedResponse.newBuilder())
        .build();
    assertThat(rest.getModel()).isEqualTo(grpc.getModel());
    assertThat(rest.getModelVersion()).isEqualTo(grpc.getModelVersion());
    assertThat(rest.getEmbeddingsCount()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(rest.getEmbeddings(i).getId()).isEqualTo(grpc.getEmbeddings(i).getId());
      List<Float> want = grpc.getEmbeddings(i).getValuesList();
      List<Float> got = rest.getEmbeddings(i).getValuesList();
      assertThat(got).hasSameSizeAs(want);
      for (int d = 0; d < want.size(); d++) {
        assertThat(got.get(d)).isCloseTo(want.get(d), within(1e-6f));
      }
    }
  }

  @Test
  void similarityEqualsGrpc() throws Exception {
    SimilarityRequest request = SimilarityRequest.newBuilder().setModel(MODEL)
        .addQueries(image("pokemon.jpeg"))
        .addAllCandidates(List.of(text("杰尼龟"), text("妙蛙种子"), text("皮卡丘"))).build();
    SimilarityResponse grpc = embedding.similarity(request);
    SimilarityResponse rest = ok(post("/api/v1/similarity", json(request)),
        SimilarityResponse.newBuilder()).build();
    assertSameRows(rest.getRowsList(), grpc.getRowsList());
  }

  @Test
  void classifyEqualsGrpc() throws Exception {
    ClassifyRequest request = ClassifyRequest.newBuilder().setModel(MODEL)
        .addImages(image("pokemon.jpeg"))
        .addAllLabels(List.of("杰尼龟", "妙蛙种子", "小火龙", "皮卡丘")).setTopK(2).build();
    ClassifyResponse grpc = embedding.classify(request);
    ClassifyResponse rest = ok(post("/api/v1/classify", json(request)),
        ClassifyResponse.newBuilder()).build();
    assertSameRows(rest.getRowsList(), grpc.getRowsList());
  }

  private static void assertSameRows(List<SimilarityRow> rest, List<SimilarityRow> grpc) {
    assertThat(rest).hasSameSizeAs(grpc);
    for (int r = 0; r < grpc.size(); r++) {
      assertThat(rest.get(r).getQueryId()).isEqualTo(grpc.get(r).getQueryId());
      assertThat(rest.get(r).getScoresCount()).isEqualTo(grpc.get(r).getScoresCount());
      for (int s = 0; s < grpc.get(r).getScoresCount(); s++) {
        var want = grpc.get(r).getScores(s);
        var got = rest.get(r).getScores(s);
        assertThat(got.getIndex()).isEqualTo(want.getIndex());
        assertThat(got.getId()).isEqualTo(want.getId());
        assertThat(got.getCosine()).isCloseTo(want.getCosine(), within(1e-6f));
        assertThat(got.getProbability()).isCloseTo(want.getProbability(), within(1e-6f));
      }
    }
  }

  @Test
  void tokenizeAndModelCallsEqualGrpc() throws Exception {
    TokenizeRequest tokenize = TokenizeRequest.newBuilder().setModel(MODEL)
        .addTexts("皮卡丘").addTexts("a photo of a cat").build();
    assertThat(ok(post("/api/v1/tokenize", json(tokenize)), TokenizeResponse.newBuilder())
        .build()).isEqualTo(embedding.tokenize(tokenize));
    assertThat(ok(send(server, "GET", "/api/v1/models", null, null),
        ListModelsResponse.newBuilder()).build())
        .isEqualTo(models.listModels(ListModelsRequest.getDefaultInstance()));
    assertThat(ok(send(server, "GET", "/api/v1/models/" + MODEL, null, null),
        ModelInfo.newBuilder()).build())
        .isEqualTo(models.getModel(GetModelRequest.newBuilder().setName(MODEL).build()));
    GetStatisticsResponse statistics = ok(send(server, "GET",
        "/api/v1/statistics?name=" + MODEL, null, null), GetStatisticsResponse.newBuilder())
        .build();
    assertThat(statistics.getModelsCount()).isEqualTo(1);
    assertThat(statistics.getModels(0).getName()).isEqualTo(MODEL);
    assertThat(statistics.getModels(0).getEncodersCount()).isEqualTo(
        models.getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build())
            .getModels(0).getEncodersCount());
  }

  @Test
  void unknownModelIs404WithGrpcsMessage() throws Exception {
    EmbedRequest request = EmbedRequest.newBuilder().setModel("no-such-model")
        .addInputs(text("x")).build();
    String grpcMessage = grpcFailure(() -> embedding.embed(request));
    JsonNode body = error(post("/api/v1/embed", json(request)), 404, "NOT_FOUND");
    assertThat(body.get("message").asText()).isEqualTo(grpcMessage);
    error(send(server, "GET", "/api/v1/models/no-such-model", null, null), 404, "NOT_FOUND");
    error(send(server, "POST", "/api/v1/models/no-such-model/load", null, null), 404,
        "NOT_FOUND");
  }

  @Test
  void limitsAreGrpcsLimits() throws Exception {
    EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel(MODEL);
    for (int i = 0; i <= MAX_INPUTS; i++) {
      request.addInputs(text("t" + i));
    }
    JsonNode body = error(post("/api/v1/embed", json(request.build())), 400,
        "INVALID_ARGUMENT");
    assertThat(body.get("message").asText()).contains("clipserve.limits.max-inputs")
        .isEqualTo(grpcFailure(() -> embedding.embed(request.build())));
    error(post("/api/v1/embed", json(EmbedRequest.newBuilder().setModel(MODEL).build())), 400,
        "INVALID_ARGUMENT");
  }

  @Test
  void hostileBodiesAreRefusedAndTheServerGoesOn() throws Exception {
    assertThat(error(post("/api/v1/embed", "{\"model\": \"" + MODEL + "\", \"inputs\": ["),
        400, "INVALID_ARGUMENT").get("message").asText()).contains("clipserve.v1.EmbedRequest");
    assertThat(error(post("/api/v1/embed", "{\"model\": \"" + MODEL + "\", \"nope\": 1}"),
        400, "INVALID_ARGUMENT").get("message").asText()).contains("nope");
    error(post("/api/v1/embed", "{\"model\": \"" + MODEL
        + "\", \"inputs\": [{\"image\": \"%%%not base64%%%\"}]}"), 400, "INVALID_ARGUMENT");
    error(post("/api/v1/embed", "{\"model\": \"" + MODEL
        + "\", \"inputs\": [{\"image\": \"aGVsbG8gd29ybGQ=\"}]}"), 400, "INVALID_ARGUMENT");
    error(post("/api/v1/similarity", "[1, 2, 3]"), 400, "INVALID_ARGUMENT");
    error(post("/api/v1/classify", "\"just a string\""), 400, "INVALID_ARGUMENT");
    error(post("/api/v1/embed", "{".repeat(100_000)), 400, "INVALID_ARGUMENT");
  }

  @Test
  void aBodyOverTheLimitIs413NamingTheSetting() throws Exception {
    String huge = "{\"model\": \"" + MODEL + "\", \"inputs\": [{\"text\": \""
        + "x".repeat(2 * MAX_BODY) + "\"}]}";
    JsonNode body = error(post("/api/v1/embed", huge), 413, "RESOURCE_EXHAUSTED");
    assertThat(body.get("message").asText()).contains("clipserve.http.max-request-bytes");
    // Chunked, without a Content-Length to refuse it by.
    HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/v1/embed"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(huge)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(error(chunked, 413, "RESOURCE_EXHAUSTED").get("message").asText())
        .contains("clipserve.http.max-request-bytes");
  }

  @Test
  void loadAndUnloadNeedTheAdminRole() throws Exception {
    Path admin = Files.writeString(tokens.resolve("admin"), "admin-secret\n");
    Path inference = Files.writeString(tokens.resolve("inference"), "inference-secret\n");
    try (TestServer guarded = TestServer.start(repository, Map.of(
        "clipserve.admin-token-file", admin.toString(),
        "clipserve.inference-token-file", inference.toString()))) {
      String unload = "/api/v1/models/" + MODEL + "/unload";
      assertThat(send(guarded, "POST", unload, null, null).statusCode()).isEqualTo(401);
      assertThat(send(guarded, "POST", unload, null, "inference-secret").statusCode())
          .isEqualTo(403);
      assertThat(send(guarded, "GET", "/api/v1/models/" + MODEL, null, "inference-secret")
          .statusCode()).isEqualTo(200);
      assertThat(send(guarded, "POST", unload, null, "admin-secret").statusCode())
          .isEqualTo(200);
      ModelInfo loaded = ok(send(guarded, "POST", "/api/v1/models/" + MODEL + "/load", null,
          "admin-secret"), ModelInfo.newBuilder()).build();
      assertThat(loaded.getName()).isEqualTo(MODEL);
      assertThat(loaded.getVersionsList()).anySatisfy(
          v -> assertThat(v.getState().name()).isEqualTo("READY"));
    }
  }

  private static String grpcFailure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getDescription();
    }
    throw new AssertionError("the gRPC call did not fail");
  }
}
