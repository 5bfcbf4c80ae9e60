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
import io.clipserve.server.testing.ProgressiveJpegs;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
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
 * Hostile requests whose point is what happens to the attacker's own call, against a real server
 * with the default limits and one decode thread (as on 2 cores): a deadline stops the decode it
 * waits for, a failed image drops the request's other images, a stream message over a limit
 * fails alone, a negative {@code top_k} is refused. The attacks whose point is that other clients
 * do not notice run under load in integration-tests ({@code io.clipserve.it.hostile}).
 */
class HostileRequestsTest {
  private static final String MODEL = "cn-clip-tiny";
  /** The attack file: 7000 x 7000, 1,010 scans (the first DC scan and 1,009 empty refinements). */
  private static final byte[] ATTACK = ProgressiveJpegs.gray(7000, 7000, 3, 1009);

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
