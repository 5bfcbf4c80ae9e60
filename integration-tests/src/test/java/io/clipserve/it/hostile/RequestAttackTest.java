package io.clipserve.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.clipserve.client.Inputs;
import io.clipserve.it.RealServer;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.EncoderStatistics;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.server.testing.ProgressiveJpegs;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile requests of issue 14, each under {@link AttackFixture}'s load, against a server with
 * the default limits and one decode thread (as on 2 cores): a progressive JPEG of 1,010 scans,
 * the same with the scan limit lifted (then the decode time limit stops it), Classify with huge
 * template lists, label × template products and expanded prompts, 10,000 labels, 130 Classify
 * calls with 1 MB labels, and oversized Embed, Similarity and Tokenize requests. The
 * attacker gets INVALID_ARGUMENT naming the limit; nobody else notices.
 */
class RequestAttackTest {
  private static final String MODEL = RealServer.MODEL;
  /** The attack file: 7000 x 7000, 1,010 scans (the first DC scan and 1,009 empty refinements). */
  private static final byte[] SCAN_BOMB = ProgressiveJpegs.gray(7000, 7000, 3, 1009);
  static RealServer server;
  static AttackFixture fixture;
  static ManagedChannel channel;
  static EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

  @BeforeAll
  static void start() {
    server = new RealServer(Map.of("clipserve.preprocess-threads", 1), UnaryOperator.identity());
    fixture = new AttackFixture(server);
    channel = channel(server);
    embedding = EmbeddingServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void aJpegWithTooManyScansIsRefusedBeforeDecoding() throws Exception {
    long millis = fixture.survive("a JPEG of 1,010 scans", () -> {
      long start = System.nanoTime();
      assertRefused(() -> embedImage(embedding, SCAN_BOMB),
          "inputs[0]: the image has 1010 scans (progressive JPEG);"
              + " limit clipserve.limits.max-jpeg-scans = 100");
      return (System.nanoTime() - start) / 1_000_000;
    });
    System.out.printf("attack JPEG (%d bytes, 1010 scans) refused after %d ms%n",
        SCAN_BOMB.length, millis);
  }

  @Test
  void aSlowDecodeIsStoppedAtTheDecodeTimeLimit() throws Exception {
    try (RealServer lax = new RealServer(Map.of("clipserve.preprocess-threads", 1,
        "clipserve.limits.max-jpeg-scans", 5000), UnaryOperator.identity())) {
      ManagedChannel laxChannel = channel(lax);
      try {
        var stub = EmbeddingServiceGrpc.newBlockingStub(laxChannel);
        long millis = new AttackFixture(lax).survive("a JPEG of 1,010 scans, scan limit lifted",
            () -> {
              long start = System.nanoTime();
              assertRefused(() -> embedImage(stub, SCAN_BOMB),
                  "limit clipserve.limits.max-decode-millis = 2000");
              return (System.nanoTime() - start) / 1_000_000;
            });
        System.out.printf("attack JPEG with the scan limit lifted refused after %d ms%n", millis);
        // Unbounded, this decode held the only decode thread for ~150 s.
        assertThat(millis).as("time to refusal, a generous bound").isLessThan(30_000);
      } finally {
        laxChannel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void classifyWithHugeTemplateListsIsRefusedByCount() throws Exception {
    String label = "x".repeat(10_000);
    fixture.survive("Classify with 100,000 and 1,000,000 templates", () -> {
      for (int templates : new int[] {100_000, 1_000_000}) {
        assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder()
                .setModel(MODEL).addImages(image()).addLabels(label)
                .addAllTemplates(Collections.nCopies(templates, "{}")).build()),
            "templates has " + templates + " entries; limit clipserve.limits.max-inputs = 1024");
      }
      return null;
    });
  }

  @Test
  void classifyPromptsAreBoundedBeforeAnyIsBuilt() throws Exception {
    fixture.survive("Classify prompts over the limits", () -> {
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image()).addAllLabels(Collections.nCopies(100, "猫"))
              .addAllTemplates(Collections.nCopies(100, "一张{}的照片")).build()),
          "labels × templates = 100 × 100 = 10000 prompts;"
              + " limit clipserve.limits.max-classify-prompts = 1024");
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image()).addLabels("x".repeat(10_000))
              .addTemplates("{}".repeat(5_000)).build()),
          "templates[0] filled with labels[0]: the text is"
              + " 50000000 bytes (UTF-8); limit clipserve.limits.max-text-bytes = 16384");
      assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
              .addImages(image()).addLabels("x".repeat(20_000)).build()),
          "labels[0]: the text is 20000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
      return null;
    });
  }

  @Test
  void tenThousandLabelsAreRefusedWholeAndLeaveNothingQueued() throws Exception {
    ClassifyRequest.Builder request = ClassifyRequest.newBuilder().setModel(MODEL)
        .addImages(image());
    for (int i = 0; i < 10_000; i++) {
      request.addLabels("标签" + i);
    }
    String limit = "labels has 10000 entries; limit clipserve.limits.max-inputs = 1024";
    fixture.survive("Classify with 10,000 labels", () -> {
      assertRefused(() -> embedding.classify(request.build()), limit);
      return null;
    });

    long textItems = statistics("text").getItems();
    assertRefused(() -> embedding.classify(request.build()), limit);
    assertThat(statistics("text").getItems()).as("no label of the refused Classify was queued")
        .isEqualTo(textItems);
  }

  @Test
  void classifyCallsWithMegabyteLabelsAreRefusedAndKeepNothing() throws Exception {
    // Once, 130 Classify calls with 1 MB labels kept 5.8 GB of heap for good: the label cache
    // held the label strings. Labels over clipserve.limits.max-text-bytes are refused now.
    String large = "y".repeat(1 << 20);
    fixture.survive("130 Classify calls with 1 MB labels", () -> {
      for (int call = 0; call < 130; call++) {
        String label = call + large;
        assertRefused(() -> embedding.classify(ClassifyRequest.newBuilder().setModel(MODEL)
                .addImages(image()).addLabels(label).build()),
            "limit clipserve.limits.max-text-bytes = 16384");
      }
      return null;
    });
  }

  @Test
  void inputsAndTextsPerRequestAreBounded() throws Exception {
    fixture.survive("Embed, Similarity and Tokenize over the per-request limits", () -> {
      EmbedRequest.Builder many = EmbedRequest.newBuilder().setModel(MODEL);
      for (int i = 0; i < 1025; i++) {
        many.addInputs(Inputs.text("第" + i + "条"));
      }
      assertRefused(() -> embedding.embed(many.build()),
          "inputs has 1025 entries; limit clipserve.limits.max-inputs = 1024");
      assertRefused(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MODEL)
              .addInputs(Inputs.text("短")).addInputs(Inputs.text("长".repeat(6_000))).build()),
          "inputs[1]: the text is 18000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
      assertRefused(() -> embedding.similarity(SimilarityRequest.newBuilder().setModel(MODEL)
              .addQueries(Inputs.text("猫"))
              .addAllCandidates(Collections.nCopies(2000, Inputs.text("狗"))).build()),
          "candidates has 2000 entries; limit clipserve.limits.max-inputs = 1024");
      assertRefused(() -> embedding.tokenize(TokenizeRequest.newBuilder().setModel(MODEL)
              .addTexts("长".repeat(6_000)).build()),
          "texts[0]: the text is 18000 bytes (UTF-8);"
              + " limit clipserve.limits.max-text-bytes = 16384");
      return null;
    });
  }

  private static ManagedChannel channel(RealServer target) {
    String[] hostPort = target.target().split(":");
    return NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
        .usePlaintext().maxInboundMessageSize(64 << 20).build();
  }

  private static Input image() {
    return Inputs.image(RealServer.IMAGES.resolve("pokemon.jpeg"));
  }

  private static void embedImage(EmbeddingServiceGrpc.EmbeddingServiceBlockingStub stub,
      byte[] jpeg) {
    stub.withDeadlineAfter(120, TimeUnit.SECONDS).embed(EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Input.newBuilder().setImage(ByteString.copyFrom(jpeg))).build());
  }

  /** The call fails with INVALID_ARGUMENT and a message containing {@code message}. */
  private static void assertRefused(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(StatusRuntimeException.class)
        .satisfies(error -> {
          Status status = ((StatusRuntimeException) error).getStatus();
          assertThat(status.getCode()).as("%s", status).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(status.getDescription()).contains(message);
        });
  }

  private static EncoderStatistics statistics(String encoder) {
    return ModelServiceGrpc.newBlockingStub(channel)
        .getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build()).getModels(0)
        .getEncodersList().stream().filter(e -> e.getEncoder().equals(encoder)).findFirst()
        .orElseThrow();
  }
}
