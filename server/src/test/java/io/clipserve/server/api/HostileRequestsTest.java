package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.image;
import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.EncoderStatistics;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.server.testing.ProgressiveJpegs;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.clipserve.server.testing.WellBehavedClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each hostile request of issue 14 against a real server with the default limits (one decode
 * thread, as on 2 cores), while 4 well-behaved clients embed without pause: the attacker gets
 * an error naming the limit, the others see no failure.
 */
class HostileRequestsTest {
  private static final String MODEL = "cn-clip-tiny";
  /** The attack file: 7000 x 7000, 1,010 scans (the first DC scan and 1,009 empty refinements). */
  private static final byte[] ATTACK = ProgressiveJpegs.gray(7000, 7000, 3, 1009);
  private static final Duration GENEROUS = Duration.ofSeconds(120);

  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    server = TestServer.start(repository, Map.of("clipserve.preprocess-threads", 1));
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aJpegWithTooManyScansIsRefusedBeforeDecoding() throws Exception {
    underAttack(server, () -> {
      long start = System.nanoTime();
      assertRefused(() -> embedImage(embedding, ATTACK), Status.Code.INVALID_ARGUMENT,
          "inputs[0]: the image has 1010 scans (progressive JPEG);"
              + " limit clipserve.limits.max-jpeg-scans = 100");
      System.out.printf("attack JPEG (%d bytes, 1010 scans) refused after %d ms%n",
          ATTACK.length, (System.nanoTime() - start) / 1_000_000);
    });
  }

  @Test
  void aSlowDecodeIsStoppedAtTheDecodeTimeLimit(@TempDir Path other) throws Exception {
    new TestRepository(other).addTiny(MODEL, c -> c);
    try (TestServer lax = TestServer.start(other, Map.of("clipserve.preprocess-threads", 1,
        "clipserve.limits.max-jpeg-scans", 5000))) {
      var stub = EmbeddingServiceGrpc.newBlockingStub(lax.channel());
      underAttack(lax, () -> {
        long start = System.nanoTime();
        assertRefused(() -> embedImage(stub, ATTACK), Status.Code.INVALID_ARGUMENT,
            "limit clipserve.limits.max-decode-millis = 2000");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("attack JPEG with the scan limit lifted refused after %d ms%n", millis);
        // Unbounded, this decode held the only decode thread for ~150 s.
        assertThat(millis).as("time to refusal, a generous bound").isLessThan(30_000);
      });
    }
  }

  @Test
  void aDeadlineStopsTheDecodeItWaitsFor(@TempDir Path other) throws Exception {
    new TestRepository(other).addTiny(MODEL, c -> c);
    try (TestServer unbounded = TestServer.start(other, Map.of("clipserve.preprocess-threads", 1,
        "clipserve.limits.max-jpeg-scans", 5000, "clipserve.limits.max-decode-millis", 600_000))) {
      var stub = EmbeddingServiceGrpc.newBlockingStub(unbounded.channel());
      assertRefused(() -> embedImage(stub.withDeadlineAfter(500, TimeUnit.MILLISECONDS), ATTACK),
          Status.Code.DEADLINE_EXCEEDED, "");
      // The only decode thread is free again long before the ~150 s the decode would take.
      var served = stub.withDeadlineAfter(60, TimeUnit.SECONDS).embed(EmbedRequest.newBuilder()
          .setModel(MODEL).addInputs(image("pokemon.jpeg")).build());
      assertThat(served.getEmbeddingsCount()).isEqualTo(1);
    }
  }

  @Test
  void classifyWithHugeTemplateListsIsRefusedByCount() throws Exception {
    String label = "x".repeat(10_000);
    underAttack(server, () -> {
      for (int templates : new int[] {100_000, 1_000_000}) {
        assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder()
                .setModel(MODEL).addImages(image("pokemon.jpeg")).addLabels(label)
                .addAllTemplates(Collections.nCopies(templates, "{}")).build()),
            Status.Code.INVALID_ARGUMENT, "templates has " + templates
                + " entries; limit clipserve.limits.max-inputs = 1024");
      }
    });
  }

  @Test
  void classifyPromptsAreBoundedBeforeAnyIsBuilt() throws Exception {
    underAttack(server, () -> {
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image("pokemon.jpeg")).addAllLabels(Collections.nCopies(100, "猫"))
              .addAllTemplates(Collections.nCopies(100, "一张{}的照片")).build()),
          Status.Code.INVALID_ARGUMENT, "labels × templates = 100 × 100 = 10000 prompts;"
              + " limit clipserve.limits.max-classify-prompts = 1024");
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image("pokemon.jpeg")).addLabels("x".repeat(10_000))
              .addTemplates("{}".repeat(5_000)).build()),
          Status.Code.INVALID_ARGUMENT, "templates[0] filled with labels[0]: the text is"
              + " 50000000 bytes (UTF-8); limit clipserve.limits.max-text-bytes = 16384");
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image("pokemon.jpeg")).addLabels("x".repeat(20_000)).build()),
          Status.Code.INVALID_ARGUMENT, "labels[0]: the text is 20000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
    });
  }

  @Test
  void tenThousandLabelsAreRefusedWholeAndLeaveNothingQueued() throws Exception {
    ClassifyRequest.Builder request = ClassifyRequest.newBuilder().setModel(MODEL)
        .addImages(image("pokemon.jpeg"));
    for (int i = 0; i < 10_000; i++) {
      request.addLabels("标签" + i);
    }
    String limit = "labels has 10000 entries; limit clipserve.limits.max-inputs = 1024";
    underAttack(server, () -> assertRefused(() -> embedding.classify(request.build()),
        Status.Code.INVALID_ARGUMENT, limit));

    long textItems = textItems();
    assertRefused(() -> embedding.classify(request.build()), Status.Code.INVALID_ARGUMENT, limit);
    assertThat(textItems()).as("no label of the refused Classify was queued").isEqualTo(textItems);
  }

  @Test
  void aFailedImageDropsTheRequestsOtherImagesBeforeTheyDecodeOrRun() {
    long imagesRun = itemsRun("image");
    EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Input.newBuilder().setImage(ByteString.copyFromUtf8("not an image")));
    for (int i = 0; i < 20; i++) {
      request.addInputs(image("pokemon.jpeg"));
    }
    // One decode thread: the request's images decode one after another, the bad one first.
    assertRefused(() -> embedding.embed(request.build()), Status.Code.INVALID_ARGUMENT,
        "inputs[0]: the bytes are not a JPEG, PNG, BMP or GIF image");
    assertThat(itemsRun("image")).as("no other image of the failed request ran")
        .isEqualTo(imagesRun);
  }

  @Test
  void inputsAndTextsPerRequestAreBounded() throws Exception {
    underAttack(server, () -> {
      EmbedRequest.Builder many = EmbedRequest.newBuilder().setModel(MODEL);
      for (int i = 0; i < 1025; i++) {
        many.addInputs(text("第" + i + "条"));
      }
      assertRefused(() -> embedding.embed(many.build()), Status.Code.INVALID_ARGUMENT,
          "inputs has 1025 entries; limit clipserve.limits.max-inputs = 1024");
      assertRefused(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MODEL)
              .addInputs(text("短")).addInputs(text("长".repeat(6_000))).build()),
          Status.Code.INVALID_ARGUMENT, "inputs[1]: the text is 18000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
      assertRefused(() -> embedding.similarity(SimilarityRequest.newBuilder().setModel(MODEL)
              .addQueries(text("猫")).addAllCandidates(Collections.nCopies(2000, text("狗")))
              .build()),
          Status.Code.INVALID_ARGUMENT,
          "candidates has 2000 entries; limit clipserve.limits.max-inputs = 1024");
      assertRefused(() -> embedding.tokenize(TokenizeRequest.newBuilder().setModel(MODEL)
              .addTexts("长".repeat(6_000)).build()),
          Status.Code.INVALID_ARGUMENT, "texts[0]: the text is 18000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
    });
  }

  @Test
  void aStreamMessageOverALimitFailsAloneWithTheUnaryCallsText() throws Exception {
    List<EmbedRequest> requests = List.of(
        EmbedRequest.newBuilder().setModel(MODEL).setRequestId("long")
            .addInputs(text("长".repeat(6_000))).build(),
        EmbedRequest.newBuilder().setModel(MODEL).setRequestId("scans")
            .addInputs(Input.newBuilder().setImage(ByteString.copyFrom(ATTACK))).build(),
        EmbedRequest.newBuilder().setModel(MODEL).setRequestId("fine")
            .addInputs(text("猫")).build());
    Map<String, EmbedResponse> answers = StreamingEndToEndTest.exchange(
            EmbeddingServiceGrpc.newStub(server.channel())::embedStream, requests).stream()
        .collect(Collectors.toMap(EmbedResponse::getRequestId, answer -> answer));

    for (EmbedRequest request : requests.subList(0, 2)) {
      String unary = assertThrows(StatusRuntimeException.class, () -> embedding.embed(request))
          .getStatus().getDescription();
      assertThat(answers.get(request.getRequestId()).getError().getMessage()).isEqualTo(unary);
      assertThat(answers.get(request.getRequestId()).getError().getCode())
          .isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    }
    assertThat(answers.get("fine").getEmbeddingsCount()).isEqualTo(1);
  }

  @Test
  void negativeTopKIsRefusedNamingTheField() {
    assertRefused(() -> embedding.similarity(SimilarityRequest.newBuilder().setModel(MODEL)
            .addQueries(text("猫")).addCandidates(text("狗")).setTopK(-1).build()),
        Status.Code.INVALID_ARGUMENT, "top_k is -1; it must be 0 (every score) or positive");
    assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
            .addImages(image("pokemon.jpeg")).addLabels("猫").setTopK(-3).build()),
        Status.Code.INVALID_ARGUMENT, "top_k is -3; it must be 0 (every score) or positive");
  }

  /** Runs {@code attack} while 4 well-behaved clients embed; they must all be served throughout. */
  private static void underAttack(TestServer target, Runnable attack) throws Exception {
    try (WellBehavedClients clients = WellBehavedClients.start(target.channel(), MODEL, 4)) {
      clients.awaitEachServed(1, GENEROUS);
      attack.run();
      clients.awaitEachServed(2, GENEROUS);
      assertThat(clients.failures()).as("failures of the well-behaved clients").isEmpty();
      assertThat(clients.served()).isGreaterThanOrEqualTo(12);
    }
  }

  private static void embedImage(EmbeddingServiceGrpc.EmbeddingServiceBlockingStub stub,
      byte[] jpeg) {
    stub.embed(EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Input.newBuilder().setImage(ByteString.copyFrom(jpeg))).build());
  }

  private static void assertRefused(Runnable call, Status.Code code, String message) {
    Consumer<Throwable> refusal = error -> {
      Status status = ((StatusRuntimeException) error).getStatus();
      assertThat(status.getCode()).isEqualTo(code);
      assertThat(status.getDescription()).contains(message);
    };
    assertThatThrownBy(call::run).isInstanceOf(StatusRuntimeException.class).satisfies(refusal);
  }

  /** Items that reached the text encoder's queue. */
  private static long textItems() {
    return statistics("text").getItems();
  }

  /** Items the encoder ran: reached its queue and neither failed nor were dropped. */
  private static long itemsRun(String encoder) {
    var statistics = statistics(encoder);
    return statistics.getItems() - statistics.getFailures();
  }

  private static EncoderStatistics statistics(String encoder) {
    return ModelServiceGrpc.newBlockingStub(server.channel())
        .getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build()).getModels(0)
        .getEncodersList().stream().filter(e -> e.getEncoder().equals(encoder)).findFirst()
        .orElseThrow();
  }
}
