package io.clipserve.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.ServerLifecycle;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream open when shutdown begins: every message it took in is answered, then it ends with
 * UNAVAILABLE saying the server is shutting down; the drain does not wait for the client to
 * half-close.
 */
class StreamDrainTest {
  @TempDir
  Path dir;

  @Test
  void anOpenStreamIsAnsweredThenEndsWithUnavailable() throws Exception {
    Path repository = new TestRepository(dir).addTiny(TestRepository.TINY, c -> c).dir();
    try (TestServer server = TestServer.start(repository)) {
      List<EmbedResponse> answers = new CopyOnWriteArrayList<>();
      CompletableFuture<Status> ended = new CompletableFuture<>();
      StreamObserver<EmbedRequest> requests = EmbeddingServiceGrpc.newStub(server.channel())
          .embedStream(new StreamObserver<>() {
            @Override
            public void onNext(EmbedResponse answer) {
              answers.add(answer);
            }

            @Override
            public void onError(Throwable error) {
              ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
              ended.complete(Status.OK);
            }
          });
      for (int i = 0; i < 3; i++) {
        requests.onNext(EmbedRequest.newBuilder().setModel(TestRepository.TINY)
            .setRequestId("r" + i).addInputs(Input.newBuilder().setText("猫 " + i)).build());
      }
      Eventually.await("3 answers", () -> answers.size() == 3);

      server.bean(ServerLifecycle.class).shutdown();

      Status status = ended.get(1, TimeUnit.MINUTES);
      assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(status.getDescription()).contains("shutting down",
          "every message this stream took in was answered");
      assertThat(answers).extracting(EmbedResponse::getRequestId)
          .containsExactlyInAnyOrder("r0", "r1", "r2");
      assertThat(answers).allMatch(answer -> !answer.hasError());
    }
  }
}
