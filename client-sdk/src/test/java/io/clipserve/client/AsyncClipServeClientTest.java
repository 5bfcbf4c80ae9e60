package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.client.testing.EchoEmbeddingService;
import io.clipserve.client.testing.TestServer;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.Score;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The future-returning facade against the server doubles over in-process gRPC. */
class AsyncClipServeClientTest {

  private TestServer server;
  private AsyncClipServeClient async;

  @BeforeEach
  void start() {
    server = TestServer.inProcess();
    async = ClipServeClient.forChannel(server.channel()).async();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void concurrentCallsEachGetTheirOwnAnswer() {
    List<CompletableFuture<EmbeddingResult>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(async.embedTexts("alpha", List.of("t".repeat(i + 1), "u"),
          EmbedOptions.DEFAULT.withRaw(true).withModelVersion(i + 1)));
    }
    for (int i = 0; i < calls.size(); i++) {
      EmbeddingResult result = calls.get(i).join();
      assertThat(result.modelVersion()).isEqualTo(i + 1);
      assertThat(result.vector(0)).containsExactly(1, 0, i + 1, 't', i + 1);
      assertThat(result.vector(1)).containsExactly(1, 1, 1, 'u', i + 1);
    }
  }

  @Test
  void everyOperationAnswersThroughItsFuture() {
    assertThat(async.embedImageBytes("alpha", List.of(new byte[] {4, 2})).join().size())
        .isEqualTo(1);
    assertThat(async.similarity("alpha", List.of(Inputs.text("ab")),
        List.of(Inputs.text("a"), Inputs.text("ab")), 1).join().getRows(0).getScoresList())
        .extracting(Score::getIndex).containsExactly(1);
    assertThat(async.classify("alpha", List.of(Inputs.image(new byte[] {1})), List.of("x", "yy"),
        List.of(), 0).join().getRows(0).getScoresList())
        .extracting(Score::getId).containsExactly("x", "yy");
    assertThat(async.tokenize("alpha", List.of("q")).join().get(0).getTokensList())
        .containsExactly("q");
    assertThat(async.listModels().join()).extracting(ModelInfo::getName)
        .containsExactly("alpha", "beta");
    assertThat(async.getModel("alpha").join().getVersionsCount()).isEqualTo(2);
    assertThat(async.loadModel("beta").join().getName()).isEqualTo("beta");
    assertThat(async.unloadModel("beta").join()).isNull();
    assertThat(async.statistics("beta", 1).join().get(0).getVersion()).isEqualTo(1);
  }

  @Test
  void failuresCompleteTheFutureWithTheStatusRuntimeExceptionItself() {
    CompletableFuture<EmbeddingResult> call =
        async.embedTexts(EchoEmbeddingService.MISSING, List.of("x"));

    assertThatThrownBy(call::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(async.getModel("gamma")
        .handle((model, failure) -> Status.fromThrowable(failure).getCode()).join())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void cancellingTheFutureCancelsTheCall() throws InterruptedException {
    CompletableFuture<EmbeddingResult> call =
        async.embedTexts(EchoEmbeddingService.SLOW, List.of("x"));

    assertThat(server.embedding().awaitSlowCallStarted(5_000)).isTrue();
    assertThat(call.cancel(true)).isTrue();
    assertThat(server.embedding().awaitSlowCallCancelled(5_000)).isTrue();
    assertThat(call).isCancelled();
  }

  @Test
  void theDeadlineAppliesToAsyncCalls() {
    CompletableFuture<EmbeddingResult> call = ClipServeClient.forChannel(server.channel())
        .withDeadline(Duration.ofMillis(100)).async()
        .embedTexts(EchoEmbeddingService.SLOW, List.of("x"));

    assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
  }
}
