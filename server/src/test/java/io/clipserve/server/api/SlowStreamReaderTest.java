package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that sends 10,000 EmbedStream messages and reads nothing for a while: the server takes
 * in only what its window and the transport's flow-control windows hold, then waits; the heap
 * stays flat; once the client reads, every message is answered.
 */
class SlowStreamReaderTest {
  private static final String MODEL = "cn-clip-tiny";
  private static final int MESSAGES = 10_000;
  /** The client's HTTP/2 receive window: what the server may push before the client reads. */
  private static final int CLIENT_FLOW_WINDOW = 64 * 1024;

  @TempDir
  Path repository;

  @Test
  void theServerStopsTakingMessagesWhileTheClientDoesNotRead() throws Exception {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    try (TestServer server = TestServer.start(repository)) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
          .usePlaintext().flowControlWindow(CLIENT_FLOW_WINDOW).build();
      try {
        run(server, channel);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private void run(TestServer server, ManagedChannel channel) throws Exception {
    long heapBefore = usedHeapAfterGc();
    Reader reader = new Reader();
    var requests = (ClientCallStreamObserver<EmbedRequest>) EmbeddingServiceGrpc.newStub(channel).embedStream(reader);
    for (int i = 0; i < MESSAGES; i++) {
      requests.onNext(EmbedRequest.newBuilder().setModel(MODEL).setRequestId("m" + i)
          .addInputs(text("第" + i + "条消息")).build());
    }
    requests.onCompleted();

    long taken = waitUntilTheServerStops(channel);
    long heapStalled = usedHeapAfterGc();
    System.out.printf("slow reader: %d messages sent, server took in %d (stream window %d), "
            + "client read %d; used heap %.1f MB before, %.1f MB while stalled%n", MESSAGES, taken,
        EmbeddingGrpcService.STREAM_WINDOW, reader.received.get(), heapBefore / 1e6, heapStalled / 1e6);
    assertThat(reader.received.get()).isZero();
    // The stream window, the answers the client's 64 KiB receive window holds (~300 B each) and the
    // server transport's ready threshold (32 KiB): a few hundred, not 10,000.
    assertThat(taken).isLessThan(1_000);
    assertThat(heapStalled - heapBefore).isLessThan(32L << 20);

    reader.calls.request(MESSAGES);
    reader.done.get(120, TimeUnit.SECONDS);
    assertThat(reader.received.get()).isEqualTo(MESSAGES);
  }

  /** Polls the text encoder's request count until it stays the same for a second. */
  private static long waitUntilTheServerStops(ManagedChannel channel) throws InterruptedException {
    long last = -1;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(1000);
      long now = textRequests(channel);
      if (now == last && now > 0) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the server kept taking messages: " + last);
  }

  private static long textRequests(ManagedChannel channel) {
    return ModelServiceGrpc.newBlockingStub(channel)
        .getStatistics(GetStatisticsRequest.newBuilder().setName(MODEL).build())
        .getModels(0).getEncodersList().stream()
        .filter(e -> e.getEncoder().equals("text")).findFirst().orElseThrow().getRequests();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Reads no answer until told to (manual inbound flow control with no initial request). */
  private static final class Reader implements ClientResponseObserver<EmbedRequest, EmbedResponse> {
    final AtomicInteger received = new AtomicInteger();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    volatile ClientCallStreamObserver<EmbedRequest> calls;

    @Override
    public void beforeStart(ClientCallStreamObserver<EmbedRequest> requestStream) {
      calls = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(EmbedResponse response) {
      received.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
      done.complete(null);
    }
  }
}
