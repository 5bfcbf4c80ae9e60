package io.clipserve.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled model served over a real socket: every unary RPC, health, HTTP. */
class ServingEndToEndTest {
  private static final String MODEL = "cn-clip-tiny";
  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;
  static ModelServiceGrpc.ModelServiceBlockingStub models;
  static int dim;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    server = TestServer.start(repository);
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
    models = ModelServiceGrpc.newBlockingStub(server.channel());
    dim = models.getModel(GetModelRequest.newBuilder().setName(MODEL).build()).getConfig().getEmbeddingDim();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Input text(String text) {
    return Input.newBuilder().setId(text).setText(text).build();
  }

  static Input image(String file) {
    return Input.newBuilder().setId(file).setImage(ByteString.copyFrom(TestRepository.image(file))).build();
  }

  static double norm(List<Float> values) {
    return Math.sqrt(values.stream().mapToDouble(v -> v * v).sum());
  }

  @Test
  void healthIsServingOverallAndPerModel() {
    var health = HealthGrpc.newBlockingStub(server.channel());
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService(MODEL).build()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void httpHealthAndMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + server.httpPort();
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/live")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("猫")).build());
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("clipserve_items_total{encoder=\"text\",model=\"cn-clip-tiny\",version=\"1\"}");
  }

  @Test
  void listModelsShowsTheModelReady() {
    var list = models.listModels(ListModelsRequest.getDefaultInstance());
    assertThat(list.getModelsList()).extracting(m -> m.getName()).containsExactly(MODEL);
    assertThat(list.getModels(0).getVersionsList()).extracting(VersionInfo::getState)
        .containsExactly(VersionInfo.State.READY);
  }

  @Test
  void embedGivesUnitVectorsInInputOrder() {
    EmbedResponse response = embedding.embed(EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(image("pokemon.jpeg")).addInputs(text("皮卡丘")).addInputs(image("coco_000000005082.jpg"))
        .build());
    assertThat(response.getModelVersion()).isEqualTo(1);
    assertThat(response.getEmbeddingsList()).extracting(e -> e.getId())
        .containsExactly("pokemon.jpeg", "皮卡丘", "coco_000000005082.jpg");
    for (var e : response.getEmbeddingsList()) {
      assertThat(e.getValuesCount()).isEqualTo(dim);
      assertThat(norm(e.getValuesList())).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void rawEmbeddingsAreTheEncoderOutput() {
    var raw = embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).setRaw(true).addInputs(text("皮卡丘")).build());
    var unit = embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("皮卡丘")).build());
    List<Float> r = raw.getEmbeddings(0).getValuesList();
    double n = norm(r);
    assertThat(n).isNotCloseTo(1.0, within(1e-3));
    for (int i = 0; i < dim; i++) {
      assertThat(unit.getEmbeddings(0).getValues(i)).isCloseTo((float) (r.get(i) / n), within(1e-6f));
    }
  }

  @Test
  void similarityGivesSortedProbabilitiesSummingToOne() {
    SimilarityResponse response = embedding.similarity(SimilarityRequest.newBuilder().setModel(MODEL)
        .addQueries(image("pokemon.jpeg"))
        .addCandidates(text("杰尼龟")).addCandidates(text("妙蛙种子")).addCandidates(text("小火龙"))
        .addCandidates(text("皮卡丘")).build());
    List<Score> scores = response.getRows(0).getScoresList();
    assertThat(scores).hasSize(4);
    assertThat(scores.stream().mapToDouble(Score::getProbability).sum()).isCloseTo(1.0, within(1e-5));
    for (int i = 1; i < scores.size(); i++) {
      assertThat(scores.get(i).getLogit()).isLessThanOrEqualTo(scores.get(i - 1).getLogit());
    }
    assertThat(response.getRows(0).getQueryId()).isEqualTo("pokemon.jpeg");
  }

  @Test
  void classifyWithTopKAndCachedLabels() {
    ClassifyRequest request = ClassifyRequest.newBuilder().setModel(MODEL)
        .addImages(image("pokemon.jpeg")).addImages(image("coco_000000014309.jpg"))
        .addAllLabels(List.of("杰尼龟", "妙蛙种子", "小火龙", "皮卡丘")).setTopK(2).build();
    var first = embedding.classify(request);
    var textItemsAfterFirst = textItems();
    var second = embedding.classify(request);
    assertThat(first.getRowsList()).hasSize(2);
    assertThat(first.getRows(0).getScoresList()).hasSize(2);
    assertThat(second).isEqualTo(first);
    assertThat(textItems()).as("a cache hit runs no text inference").isEqualTo(textItemsAfterFirst);
  }

  private static long textItems() {
    return models.getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build()).getModels(0)
        .getEncodersList().stream().filter(e -> e.getEncoder().equals("text")).findFirst().orElseThrow().getItems();
  }

  @Test
  void tokenizeReturnsPaddedIds() {
    var response = embedding.tokenize(TokenizeRequest.newBuilder().setModel(MODEL).addTexts("皮卡丘").build());
    var text = response.getTexts(0);
    assertThat(text.getIdsCount()).isEqualTo(52);
    assertThat(text.getIds(0)).isEqualTo(101);
    assertThat(text.getTokensList()).containsExactly("[CLS]", "皮", "卡", "丘", "[SEP]");
    assertThat(text.getIds(4)).isEqualTo(102);
    assertThat(text.getIds(5)).isZero();
    assertThat(text.getTruncated()).isFalse();
  }
}
