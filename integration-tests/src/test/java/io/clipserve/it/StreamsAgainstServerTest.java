package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.client.ClientStream;
import io.clipserve.client.ClipServeClient;
import io.clipserve.client.Inputs;
import io.clipserve.client.StreamListener;
import io.clipserve.client.StreamOptions;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The facade's streams against the real server: order, per-message errors, the window. */
@ExtendWith(SharedServer.class)
class StreamsAgainstServerTest {
  static ClipServeClient client;

  @BeforeAll
  static void connect(RealServer server) {
    client = server.client();
  }

  /** Collects what a stream hands its listener, in the order it does. */
  static final class Collector<Q, A> implements StreamListener<Q, A> {
    final List<Q> answered = new ArrayList<>();
    final List<A> responses = new ArrayList<>();
    final List<String> failedIds = new ArrayList<>();
    final List<Status> errors = new ArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override
    public synchronized void onResponse(Q request, A response) {
      answered.add(request);
      responses.add(response);
    }

    @Override
    public synchronized void onMessageError(Q request, Status error) {
      answered.add(request);
      failedIds.add(((EmbedRequest) request).getRequestId());
      errors.add(error);
    }

    @Override
    public void onCompleted() {
      done.complete(null);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }
  }

  private static EmbedRequest text(String model, String text, String id) {
    return EmbedRequest.newBuilder().setModel(model).addInputs(Inputs.text(text))
        .setRequestId(id).build();
  }

  @Test
  void orderedStreamAnswersInSendingOrderWithTheCallersIdsAndTheUnaryVectors() throws Exception {
    Collector<EmbedRequest, EmbedResponse> listener = new Collector<>();
    ClientStream<EmbedRequest, EmbedResponse> stream =
        client.embedStream(StreamOptions.ordered().window(4), listener);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      sent.add("id-" + i);
      stream.send(text(RealServer.MODEL, "第" + i + "只猫", "id-" + i));
    }
    stream.complete();
    listener.done.get(60, TimeUnit.SECONDS);

    assertThat(listener.responses).extracting(EmbedResponse::getRequestId)
        .containsExactlyElementsOf(sent);
    float[] unary = client.embedTexts(RealServer.MODEL, List.of("第7只猫")).vector(0);
    List<Float> streamed = listener.responses.get(7).getEmbeddings(0).getValuesList();
    for (int d = 0; d < unary.length; d++) {
      assertThat(streamed.get(d)).isCloseTo(unary[d], org.assertj.core.data.Offset.offset(1e-5f));
    }
  }

  @Test
  void aFailedMessageIsReportedAndTheStreamGoesOn() throws Exception {
    Collector<EmbedRequest, EmbedResponse> listener = new Collector<>();
    ClientStream<EmbedRequest, EmbedResponse> stream =
        client.embedStream(StreamOptions.asTheyCome(), listener);
    stream.send(text(RealServer.MODEL, "一", "a"));
    stream.send(text("no-such-model", "二", "b"));
    stream.send(EmbedRequest.newBuilder().setModel(RealServer.MODEL).setRequestId("c").build());
    stream.send(text(RealServer.MODEL, "四", "d"));
    stream.complete();
    listener.done.get(30, TimeUnit.SECONDS);

    assertThat(listener.responses).extracting(EmbedResponse::getRequestId)
        .containsExactlyInAnyOrder("a", "d");
    assertThat(listener.failedIds).containsExactlyInAnyOrder("b", "c");
    assertThat(listener.errors).extracting(Status::getCode)
        .containsExactlyInAnyOrder(Status.Code.NOT_FOUND, Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void sendsBeyondTheWindowWaitUntilTheListenerTakesAnAnswer() throws Exception {
    int window = 3;
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Collector<EmbedRequest, EmbedResponse> collector = new Collector<>();
    StreamListener<EmbedRequest, EmbedResponse> slow = new StreamListener<>() {
      @Override
      public void onResponse(EmbedRequest request, EmbedResponse response) {
        entered.countDown();
        await(release);
        collector.onResponse(request, response);
      }

      @Override
      public void onMessageError(EmbedRequest request, Status error) {
        collector.onMessageError(request, error);
      }

      @Override
      public void onCompleted() {
        collector.onCompleted();
      }

      @Override
      public void onError(Throwable error) {
        collector.onError(error);
      }
    };
    ClientStream<EmbedRequest, EmbedResponse> stream =
        client.embedStream(StreamOptions.ordered().window(window), slow);
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < window + 5; i++) {
      sends.add(stream.sendAsync(text(RealServer.MODEL, "狗" + i, "m" + i)));
    }
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue(); // the first answer is in the listener
    Thread.sleep(500); // time for any send the window wrongly allowed to go out
    // The window's messages, plus one: the first answer has been handed over, freeing its room.
    assertThat(sends.stream().filter(CompletableFuture::isDone)).hasSize(window + 1);

    release.countDown();
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    stream.complete();
    collector.done.get(30, TimeUnit.SECONDS);
    assertThat(collector.responses).hasSize(window + 5);
  }

  @Test
  void similarityStreamKeepsTheCandidatesSentFirst() throws Exception {
    Collector<SimilarityRequest, SimilarityResponse> listener = new Collector<>();
    ClientStream<SimilarityRequest, SimilarityResponse> stream =
        client.similarityStream(StreamOptions.ordered(), listener);
    stream.send(SimilarityRequest.newBuilder().setModel(RealServer.MODEL)
        .addCandidates(Inputs.text("杰尼龟")).addCandidates(Inputs.text("皮卡丘"))
        .addQueries(Inputs.image(RealServer.IMAGES.resolve("pokemon.jpeg")))
        .setRequestId("first").build());
    stream.send(SimilarityRequest.newBuilder().setModel(RealServer.MODEL)
        .addQueries(Inputs.text("妙蛙种子")).setRequestId("second").build());
    stream.complete();
    listener.done.get(30, TimeUnit.SECONDS);

    assertThat(listener.responses).extracting(SimilarityResponse::getRequestId)
        .containsExactly("first", "second");
    assertThat(listener.responses.get(1).getRows(0).getScoresList()).hasSize(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
