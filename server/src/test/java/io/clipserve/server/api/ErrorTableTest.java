package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.image;
import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.ClassifyRequest;
import com.google.common.util.concurrent.ListenableFuture;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.EncoderStatistics;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.PngHeaders;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of the protocol's error table (docs/protocol.md), over a real socket; the server stays healthy. */
class ErrorTableTest {
  private static final String MODEL = "cn-clip-tiny";
  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

  @BeforeAll
  static void start() throws Exception {
    TestRepository repo = new TestRepository(repository)
        .addTiny(MODEL, c -> c)
        .addTiny("small-queue", c -> c.replaceAll("max_queue_size: \\d+", "max_queue_size: 4"))
        .addTiny("image-only", c -> c.replaceAll("(?s)text_encoder \\{.*?\\n\\}\\n", ""))
        .addTiny("broken-version", c -> c);
    Files.writeString(repo.dir().resolve("broken-version/1/image.onnx"), "not an onnx file");
    Files.createDirectories(repo.dir().resolve("broken-config"));
    Files.writeString(repo.dir().resolve("broken-config/config.pbtxt"), "name: \"broken-config\" embedding_dim: -1");
    // Broken models on purpose: health "" stays SERVING only with strict readiness off
    // (StrictReadinessTest covers the default).
    server = TestServer.start(repository, Map.of("clipserve.grpc.max-inbound-message-size", 1 << 20,
        "clipserve.strict-readiness", false));
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void serverStaysHealthy() {
    var health = HealthGrpc.newBlockingStub(server.channel());
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("猫")).build())
        .getEmbeddingsCount()).isEqualTo(1);
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).contains(message);
    });
  }

  private static EmbedRequest embedBytes(byte[] bytes) {
    return EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("ok"))
        .addInputs(Input.newBuilder().setImage(ByteString.copyFrom(bytes))).build();
  }

  @Test
  void undecodableImagesNameTheirIndex() {
    byte[] jpeg = TestRepository.image("pokemon.jpeg");
    assertStatus(() -> embedding.embed(embedBytes(new byte[0])), Status.Code.INVALID_ARGUMENT, "inputs[1]");
    assertStatus(() -> embedding.embed(embedBytes("hello, not an image".getBytes())),
        Status.Code.INVALID_ARGUMENT, "inputs[1]");
    assertStatus(() -> embedding.embed(embedBytes(java.util.Arrays.copyOf(jpeg, 300))),
        Status.Code.INVALID_ARGUMENT, "inputs[1]");
    byte[] corrupt = jpeg.clone();
    java.util.Arrays.fill(corrupt, 20, corrupt.length, (byte) 0x5a);
    assertStatus(() -> embedding.embed(embedBytes(corrupt)), Status.Code.INVALID_ARGUMENT, "inputs[1]");
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() {
    long start = System.nanoTime();
    assertStatus(() -> embedding.embed(embedBytes(PngHeaders.claiming(100_000, 100_000))),
        Status.Code.INVALID_ARGUMENT, "inputs[1]");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
  }

  @Test
  void outputOptionsOutOfRange() {
    EmbedRequest request = EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("a")).build();
    int dim = embedding.embed(request).getEmbeddings(0).getValuesCount();
    assertStatus(() -> embedding.embed(request.toBuilder().setDimensions(dim + 1).build()),
        Status.Code.INVALID_ARGUMENT, "dimensions is " + (dim + 1)
            + "; it must be 0 (all) to the model's embedding_dim = " + dim);
    assertStatus(() -> embedding.embed(request.toBuilder().setDimensions(-1).build()),
        Status.Code.INVALID_ARGUMENT, "dimensions is -1");
    assertStatus(() -> embedding.embed(request.toBuilder().setElementTypeValue(9).build()),
        Status.Code.INVALID_ARGUMENT, "element_type 9 is unknown; FLOAT32, FLOAT16, INT8 or UBINARY");
  }

  @Test
  void unknownModelsAndVersions() {
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel("nope").addInputs(text("a")).build()),
        Status.Code.NOT_FOUND, "'nope'");
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).setModelVersion(7)
        .addInputs(text("a")).build()), Status.Code.NOT_FOUND, "version 7");
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel("broken-version")
        .addInputs(text("a")).build()), Status.Code.UNAVAILABLE, "broken-version");
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel("broken-version").setModelVersion(1)
        .addInputs(text("a")).build()), Status.Code.UNAVAILABLE, "FAILED");
  }

  @Test
  void brokenModelsFailAloneWithTheirReasons() {
    var models = ModelServiceGrpc.newBlockingStub(server.channel());
    var broken = models.getModel(GetModelRequest.newBuilder().setName("broken-version").build());
    assertThat(broken.getVersions(0).getState()).isEqualTo(VersionInfo.State.FAILED);
    assertThat(broken.getVersions(0).getReason()).contains("broken-version/1/image.onnx");
    var config = models.getModel(GetModelRequest.newBuilder().setName("broken-config").build());
    assertThat(config.getReason()).contains("broken-config/config.pbtxt: embedding_dim");
    var health = HealthGrpc.newBlockingStub(server.channel());
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("broken-version").build()).getStatus())
        .isEqualTo(ServingStatus.NOT_SERVING);
  }

  @Test
  void pathLikeModelNamesNeverReachTheFileSystem() {
    for (String name : new String[] {"../cn-clip-tiny", "cn-clip-tiny/../x", "/etc", ".."}) {
      assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel(name).addInputs(text("a")).build()),
          Status.Code.INVALID_ARGUMENT, "not valid");
    }
    var models = ModelServiceGrpc.newBlockingStub(server.channel());
    assertStatus(() -> models.loadModel(io.clipserve.proto.v1.LoadModelRequest.newBuilder().setName("../x").build()),
        Status.Code.INVALID_ARGUMENT, "not valid");
  }

  @Test
  void emptyRequestsAndMissingContent() {
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).build()),
        Status.Code.INVALID_ARGUMENT, "inputs is empty");
    assertStatus(() -> embedding.similarity(SimilarityRequest.newBuilder().setModel(MODEL)
        .addQueries(text("a")).build()), Status.Code.INVALID_ARGUMENT, "candidates is empty");
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(text("a"))
        .addInputs(Input.newBuilder().setId("x")).build()), Status.Code.INVALID_ARGUMENT, "inputs[1] has neither");
    assertStatus(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
        .addImages(image("pokemon.jpeg")).build()), Status.Code.INVALID_ARGUMENT, "labels is empty");
  }

  @Test
  void aMissingEncoderIsAFailedPrecondition() {
    assertStatus(() -> embedding.embed(EmbedRequest.newBuilder().setModel("image-only").addInputs(text("a")).build()),
        Status.Code.FAILED_PRECONDITION, "has no text encoder");
  }

  @Test
  void aFullQueueIsResourceExhaustedAtOnce() {
    EmbedRequest.Builder five = EmbedRequest.newBuilder().setModel("small-queue");
    for (int i = 0; i < 5; i++) {
      five.addInputs(text("t" + i));
    }
    assertStatus(() -> embedding.embed(five.build()), Status.Code.RESOURCE_EXHAUSTED, "queue of small-queue/1/text is full");
  }

  @Test
  void aMessageOverTheSizeLimitIsResourceExhausted() {
    byte[] big = new byte[2 << 20];
    assertThatThrownBy(() -> embedding.embed(embedBytes(big)))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  void aDeadlineThatPassesWhileQueuedDropsTheItemBeforeInference() throws Exception {
    long executedBefore = executedImages();
    List<ListenableFuture<EmbedResponse>> backlog = backlog();
    assertStatus(() -> embedding.withDeadlineAfter(50, TimeUnit.MILLISECONDS)
        .embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(image("pokemon.jpeg")).build()),
        Status.Code.DEADLINE_EXCEEDED, "");
    await(backlog);
    assertThat(executedImages() - executedBefore).as("only the backlog ran; the late item was dropped")
        .isEqualTo(BACKLOG_ITEMS);
  }

  @Test
  void aCancelledCallsQueuedItemsAreDroppedBeforeInference() throws Exception {
    long executedBefore = executedImages();
    List<ListenableFuture<EmbedResponse>> backlog = backlog();
    var cancelled = EmbeddingServiceGrpc.newFutureStub(server.channel())
        .embed(EmbedRequest.newBuilder().setModel(MODEL).addInputs(image("pokemon.jpeg"))
            .addInputs(image("pokemon.jpeg")).build());
    Thread.sleep(50);
    cancelled.cancel(true);
    await(backlog);
    assertThat(executedImages() - executedBefore).as("only the backlog ran; the cancelled items were dropped")
        .isEqualTo(BACKLOG_ITEMS);
  }

  private static final int BACKLOG_ITEMS = 180;

  /**
   * About a second of decoding queued ahead, in messages under the 1 MiB limit. Returns once the
   * server has admitted every backlog item: a later request sent while backlog messages were still
   * on the wire could overtake them (a cold server, first test of the class, did so in CI).
   */
  private static List<ListenableFuture<EmbedResponse>> backlog() {
    long admittedBefore = imageEncoder().getItems();
    var async = EmbeddingServiceGrpc.newFutureStub(server.channel());
    List<ListenableFuture<EmbedResponse>> backlog = new ArrayList<>();
    for (int r = 0; r < BACKLOG_ITEMS / 3; r++) {
      EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel(MODEL);
      for (int i = 0; i < 3; i++) {
        request.addInputs(image("coco_000000005082.jpg"));
      }
      backlog.add(async.embed(request.build()));
    }
    Eventually.await("the server admits the backlog", Duration.ofSeconds(60), () -> { },
        () -> imageEncoder().getItems() - admittedBefore >= BACKLOG_ITEMS);
    return backlog;
  }

  private static void await(List<ListenableFuture<EmbedResponse>> backlog) throws Exception {
    for (var busy : backlog) {
      busy.get(120, TimeUnit.SECONDS);
    }
  }

  /** Image items that went through the encoder: the sum over batch sizes of size × executions. */
  private static long executedImages() {
    return imageEncoder().getBatchesList().stream()
        .mapToLong(b -> b.getBatchSize() * b.getExecutions()).sum();
  }

  private static EncoderStatistics imageEncoder() {
    var stats = ModelServiceGrpc.newBlockingStub(server.channel())
        .getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build());
    return stats.getModels(0).getEncodersList().stream().filter(e -> e.getEncoder().equals("image"))
        .findFirst().orElseThrow();
  }
}
