package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.image;
import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EmbedStream and SimilarityStream over a real socket. */
class StreamingEndToEndTest {
  private static final String MODEL = "cn-clip-tiny";
  @TempDir
  static Path repository;
  static TestServer server;
  static EmbeddingServiceGrpc.EmbeddingServiceStub stub;

  @BeforeAll
  static void start() {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    server = TestServer.start(repository);
    stub = EmbeddingServiceGrpc.newStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Sends every request, half-closes, and collects every response. */
  static <Q, A> List<A> exchange(Function<StreamObserver<A>, StreamObserver<Q>> call, List<Q> requests)
      throws Exception {
    List<A> responses = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<Q> out = call.apply(new StreamObserver<>() {
      @Override
      public void onNext(A value) {
        responses.add(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    requests.forEach(out::onNext);
    out.onCompleted();
    done.get(60, TimeUnit.SECONDS);
    return responses;
  }

  @Test
  void fiftyMessagesAreAnsweredInFullAndABadOneFailsAlone() throws Exception {
    List<EmbedRequest> requests = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      EmbedRequest.Builder r = EmbedRequest.newBuilder().setModel(MODEL).setRequestId("r" + i);
      if (i == 17) {
        r.addInputs(Input.newBuilder().setImage(ByteString.copyFromUtf8("not an image")));
      } else if (i % 5 == 0) {
        r.addInputs(image("pokemon.jpeg"));
      } else {
        r.addInputs(text("第" + i + "条"));
      }
      requests.add(r.build());
    }
    List<EmbedResponse> responses = exchange(stub::embedStream, requests);
    Map<String, EmbedResponse> byId = responses.stream()
        .collect(Collectors.toMap(EmbedResponse::getRequestId, r -> r));
    assertThat(byId).hasSize(50);
    assertThat(byId.get("r17").getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(byId.get("r17").getError().getMessage()).contains("inputs[0]");
    byId.forEach((id, r) -> {
      if (!id.equals("r17")) {
        assertThat(r.hasError()).as(id).isFalse();
        assertThat(r.getEmbeddingsCount()).isEqualTo(1);
      }
    });
  }

  @Test
  void similarityStreamKeepsTheCandidatesSentOnce() throws Exception {
    List<SimilarityRequest> requests = List.of(
        SimilarityRequest.newBuilder().setModel(MODEL).setRequestId("a")
            .addCandidates(text("杰尼龟")).addCandidates(text("皮卡丘")).addQueries(image("pokemon.jpeg")).build(),
        SimilarityRequest.newBuilder().setModel(MODEL).setRequestId("b").addQueries(text("小火龙")).build(),
        SimilarityRequest.newBuilder().setModel("nope").setRequestId("c").addQueries(text("x")).build());
    List<SimilarityResponse> responses = exchange(stub::similarityStream, requests);
    Map<String, SimilarityResponse> byId = responses.stream()
        .collect(Collectors.toMap(SimilarityResponse::getRequestId, r -> r));
    assertThat(byId.get("a").getRows(0).getScoresCount()).isEqualTo(2);
    assertThat(byId.get("b").getRows(0).getScoresList()).extracting(s -> s.getId())
        .containsExactlyInAnyOrder("杰尼龟", "皮卡丘");
    assertThat(byId.get("c").getError().getCode()).isEqualTo(Status.Code.NOT_FOUND.value());
  }
}
