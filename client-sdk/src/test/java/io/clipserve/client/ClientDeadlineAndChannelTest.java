package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.client.testing.EchoEmbeddingService;
import io.clipserve.client.testing.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deadlines as the server sees them, and who shuts which channel down. */
class ClientDeadlineAndChannelTest {

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.inProcess();
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void everyCallGetsTheBuildersDeadlineThirtySecondsByDefault() {
    ClipServeClient client = ClipServeClient.forChannel(server.channel());
    client.embedTexts("alpha", List.of("x"));

    long remaining = server.embedding().lastDeadline().timeRemaining(TimeUnit.MILLISECONDS);
    assertThat(remaining).isBetween(25_000L, 30_000L);
    assertThat(client.deadline()).contains(ClipServeClientBuilder.DEFAULT_DEADLINE);
  }

  @Test
  void withDeadlineOverridesItAndNoDeadlineRemovesIt() {
    ClipServeClient client = ClipServeClient.builder().channel(server.channel())
        .deadline(Duration.ofMinutes(5)).build();

    client.withDeadline(Duration.ofSeconds(2)).embedTexts("alpha", List.of("x"));
    assertThat(server.embedding().lastDeadline().timeRemaining(TimeUnit.MILLISECONDS))
        .isBetween(1_000L, 2_000L);

    client.async().embedTexts("alpha", List.of("x")).join();
    assertThat(server.embedding().lastDeadline().timeRemaining(TimeUnit.SECONDS))
        .isBetween(290L, 300L);

    ClipServeClient.builder().channel(server.channel()).noDeadline().build()
        .embedTexts("alpha", List.of("x"));
    assertThat(server.embedding().lastDeadline()).isNull();
  }

  @Test
  void aCallPastItsDeadlineFailsDeadlineExceededAndIsCancelledOnTheServer()
      throws InterruptedException {
    ClipServeClient client =
        ClipServeClient.forChannel(server.channel()).withDeadline(Duration.ofMillis(200));
    long start = System.nanoTime();

    assertThatThrownBy(() -> client.embedTexts(EchoEmbeddingService.SLOW, List.of("x")))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(server.embedding().awaitSlowCallCancelled(5_000)).isTrue();
  }

  @Test
  void deadlinesMustBePositive() {
    assertThatThrownBy(() -> ClipServeClient.builder().deadline(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    ClipServeClient client = ClipServeClient.forChannel(server.channel());
    assertThatThrownBy(() -> client.withDeadline(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientShutsDownOnlyTheChannelItMade() {
    ClipServeClient owner = ClipServeClient.builder().target("localhost:1").build();
    ManagedChannel made = (ManagedChannel) owner.channel();
    owner.withDeadline(Duration.ofSeconds(1)).close();
    assertThat(made.isShutdown()).isFalse();
    owner.close();
    assertThat(made.isShutdown()).isTrue();

    ClipServeClient.forChannel(server.channel()).close();
    assertThat(server.channel().isShutdown()).isFalse();
  }

  @Test
  void anUnreachableServerFailsUnavailable() {
    try (ClipServeClient client = ClipServeClient.builder().target("localhost:1")
        .deadline(Duration.ofSeconds(5)).build()) {
      assertThatThrownBy(client::listModels)
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }
}
