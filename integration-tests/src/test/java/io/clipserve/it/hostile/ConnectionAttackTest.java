package io.clipserve.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.clipserve.it.CapturedLogs;
import io.clipserve.it.RealServer;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile connections, each under {@link AttackFixture}'s load: 1,000 idle streams, hundreds of
 * idle connections, streams that never read their answers, one connection flooding the queue,
 * messages that do not parse, pings too often, sockets that never speak gRPC or HTTP. The
 * attacker gets errors naming the limit or is disconnected; nothing logs a stack trace. A server
 * of its own, with short idle limits so that the tests need not wait minutes.
 */
class ConnectionAttackTest {
  private static final String MODEL = RealServer.MODEL;
  private static final int QUOTA = 64;
  /** Rounds each well-behaved client completes while an attack is in place. */
  private static final int ROUNDS = 10;
  static RealServer server;
  static AttackFixture fixture;
  static byte[] image;

  @BeforeAll
  static void start() throws IOException {
    image = Files.readAllBytes(RealServer.IMAGES.resolve("pokemon.jpeg"));
    server = new RealServer(Map.of(
        "clipserve.grpc.max-connection-idle", "2s",
        "clipserve.grpc.handshake-timeout", "2s",
        "clipserve.grpc.max-queued-items-per-connection", QUOTA,
        "micronaut.server.idle-timeout", "2s",
        "micronaut.server.read-idle-timeout", "2s"),
        UnaryOperator.identity());
    fixture = new AttackFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ManagedChannel channel(int flowControlWindow) {
    String[] hostPort = server.target().split(":");
    return NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
        .usePlaintext().flowControlWindow(flowControlWindow).build();
  }

  private static EmbedRequest imageRequest(int id, int images) {
    EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel(MODEL)
        .setRequestId("hostile-" + id);
    for (int i = 0; i < images; i++) {
      request.addInputs(Input.newBuilder().setImage(ByteString.copyFrom(image)));
    }
    return request.build();
  }

  @Test
  void thousandIdleStreamsOnOneConnection() throws Exception {
    ManagedChannel attacker = channel(1024 * 1024);
    List<StreamObserver<EmbedRequest>> streams = new ArrayList<>();
    StatusRuntimeException waited = fixture.survive("1,000 idle streams on one connection", () -> {
      try {
        for (int i = 0; i < 1000; i++) {
          streams.add(EmbeddingServiceGrpc.newStub(attacker).embedStream(new Ignoring<>()));
        }
        fixture.awaitRounds(ROUNDS);
        // clipserve.grpc.max-concurrent-calls-per-connection (100): a further call on the
        // attacker's connection waits behind its idle streams instead of being taken in.
        return org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> ModelServiceGrpc.newBlockingStub(attacker).withDeadlineAfter(2, TimeUnit.SECONDS)
                .listModels(ListModelsRequest.getDefaultInstance()), StatusRuntimeException.class);
      } finally {
        streams.forEach(stream -> stream.onError(Status.CANCELLED.asException()));
        attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
      }
    });
    assertThat(waited).isNotNull();
    assertThat(waited.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void idleConnectionsAreClosedByTheServer() throws Exception {
    List<ManagedChannel> idle = new ArrayList<>();
    fixture.survive("300 idle connections", () -> {
      try {
        for (int i = 0; i < 300; i++) {
          ManagedChannel channel = channel(64 * 1024);
          idle.add(channel);
          ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
              .listModels(ListModelsRequest.getDefaultInstance());
        }
        fixture.awaitRounds(ROUNDS);
        // clipserve.grpc.max-connection-idle is 2 s here: the server sends GOAWAY, channels go
        // IDLE.
        AttackFixture.await("300 idle connections closed by the server", Duration.ofMinutes(2),
            () -> idle.stream().allMatch(c -> c.getState(false) == ConnectivityState.IDLE));
        return null;
      } finally {
        for (ManagedChannel channel : idle) {
          channel.shutdownNow();
        }
      }
    });
  }

  @Test
  void streamsThatNeverReadCannotFillTheQueue() throws Exception {
    ManagedChannel attacker = channel(64 * 1024);
    List<ClientCallStreamObserver<EmbedRequest>> streams = new ArrayList<>();
    fixture.survive("200 streams that never read", () -> {
      try {
        for (int s = 0; s < 200; s++) {
          var stream = (ClientCallStreamObserver<EmbedRequest>) EmbeddingServiceGrpc
              .newStub(attacker).embedStream(new NeverReading());
          streams.add(stream);
          for (int m = 0; m < 32; m++) {
            stream.onNext(imageRequest(m, 1));
          }
        }
        fixture.awaitRounds(ROUNDS);
        return null;
      } finally {
        streams.forEach(stream -> stream.cancel("done", null));
        attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
      }
    });
  }

  @Test
  void oneConnectionFloodingTheQueueIsToldTheLimit() throws Exception {
    ManagedChannel attacker = channel(1024 * 1024);
    AtomicInteger refused = new AtomicInteger();
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    int streams = 8;
    CountDownLatch done = new CountDownLatch(streams);
    fixture.survive("one connection flooding the queue", () -> {
      for (int s = 0; s < streams; s++) {
        StreamObserver<EmbedRequest> stream = EmbeddingServiceGrpc.newStub(attacker)
            .embedStream(new StreamObserver<>() {
              @Override
              public void onNext(EmbedResponse response) {
                if (response.getError().getCode() == Status.Code.RESOURCE_EXHAUSTED.value()) {
                  refused.incrementAndGet();
                  messages.add(response.getError().getMessage());
                }
              }

              @Override
              public void onError(Throwable t) {
                done.countDown();
              }

              @Override
              public void onCompleted() {
                done.countDown();
              }
            });
        for (int m = 0; m < 32; m++) {
          stream.onNext(imageRequest(m, 4));
        }
        stream.onCompleted();
      }
      fixture.awaitRounds(ROUNDS);
      assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
      return attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    });
    assertThat(refused.get()).isPositive();
    assertThat(messages.get(0)).contains("clipserve.grpc.max-queued-items-per-connection ("
        + QUOTA + ")");
  }

  @Test
  void messagesThatDoNotParseAreInvalidArgumentWithoutStackTraces() throws Exception {
    MethodDescriptor<byte[], byte[]> embed = EmbeddingServiceGrpc.getEmbedMethod()
        .toBuilder(new RawBytes(), new RawBytes()).build();
    MethodDescriptor<byte[], byte[]> embedStream = EmbeddingServiceGrpc.getEmbedStreamMethod()
        .toBuilder(new RawBytes(), new RawBytes()).build();
    byte[] badProtobuf = {0x0a, 0x7f, 0x01, 0x02};
    byte[] badUtf8 = {0x0a, 0x02, (byte) 0xc3, 0x28};
    ManagedChannel channel = channel(1024 * 1024);
    try (CapturedLogs logs = new CapturedLogs()) {
      fixture.survive("messages that do not parse", () -> {
        for (int round = 0; round < 50; round++) {
          for (byte[] bad : List.of(badProtobuf, badUtf8)) {
            for (var method : List.of(embed, embedStream)) {
              StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                  () -> call(channel, method, bad), StatusRuntimeException.class);
              assertThat(refused).as(method.getFullMethodName()).isNotNull();
              assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(refused.getStatus().getDescription()).contains("does not parse");
            }
          }
        }
        return null;
      });
      assertThat(logs.lines()).noneMatch(line -> line.contains("THROWN")
          || line.startsWith("SEVERE") || line.startsWith("ERROR"));
    } finally {
      channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void pingsMoreOftenThanPermittedEndTheConnection() throws Exception {
    // clipserve.grpc.permit-keep-alive-time is 30 s; this client pings every 10 s (grpc-java's
    // least) on a connection with a call open, so the server's third strike sends GOAWAY
    // too_many_pings and closes it, ending the call.
    String[] hostPort = server.target().split(":");
    ManagedChannel pinging = NettyChannelBuilder.forAddress(hostPort[0],
        Integer.parseInt(hostPort[1])).usePlaintext().keepAliveTime(10, TimeUnit.SECONDS).build();
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    Throwable why = fixture.survive("pings every 10 s", () -> {
      try {
        EmbeddingServiceGrpc.newStub(pinging).embedStream(new StreamObserver<>() {
          @Override
          public void onNext(EmbedResponse response) {}

          @Override
          public void onError(Throwable t) {
            ended.complete(t);
          }

          @Override
          public void onCompleted() {
            ended.complete(null);
          }
        });
        return ended.get(3, TimeUnit.MINUTES);
      } finally {
        pinging.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
      }
    });
    assertThat(why).isInstanceOf(StatusRuntimeException.class);
    // grpc-java reports GOAWAY ENHANCE_YOUR_CALM as RESOURCE_EXHAUSTED.
    assertThat(Status.fromThrowable(why).getCode()).as("%s", why)
        .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Status.fromThrowable(why).getDescription()).as("%s", why)
        .contains("too_many_pings");
  }

  @Test
  void socketsThatNeverSpeakAreClosedByTheServer() throws Exception {
    // Plain TCP connections that send nothing, or half an HTTP request, to both ports: the gRPC
    // port closes them at clipserve.grpc.max-connection-idle / handshake-timeout (2 s here), the
    // HTTP port at micronaut.server.read-idle-timeout (2 s here), so silent clients cannot
    // exhaust the server's file descriptors.
    // Once before the measured attack: the first HTTP connections of this JVM load the HTTP
    // server's connection classes (~20 MB of metaspace and heap), which is not the attack's cost.
    assertThat(silentSockets(0)).as("sockets still open after a first round").isEmpty();
    List<Integer> unclosed = fixture.survive("200 sockets that never speak",
        () -> silentSockets(ROUNDS));
    assertThat(unclosed).as("sockets (even: gRPC port, odd: HTTP port) still open").isEmpty();
  }

  /**
   * Opens 100 silent sockets to each port (half the HTTP ones send half a request), waits for
   * {@code rounds} rounds of the well-behaved clients, and returns the indexes of the sockets
   * the server has not closed within 60 s.
   */
  private static List<Integer> silentSockets(int rounds) throws IOException {
    int grpcPort = Integer.parseInt(server.target().split(":")[1]);
    byte[] halfRequest =
        "GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        sockets.add(new Socket(InetAddress.getLoopbackAddress(), grpcPort));
        Socket http = new Socket(InetAddress.getLoopbackAddress(), server.httpPort());
        if (i % 2 == 0) {
          http.getOutputStream().write(halfRequest);
        }
        sockets.add(http);
      }
      if (rounds > 0) {
        fixture.awaitRounds(rounds);
      }
      List<Integer> open = new ArrayList<>();
      for (int i = 0; i < sockets.size(); i++) {
        if (!closedByPeer(sockets.get(i))) {
          open.add(i);
        }
      }
      return open;
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /** Reads until the peer closes, for at most 60 s; true when it closed. */
  private static boolean closedByPeer(Socket socket) throws IOException {
    socket.setSoTimeout(60_000);
    try (InputStream in = socket.getInputStream()) {
      while (in.read() != -1) {
        // the server may say something first (an HTTP/2 SETTINGS or GOAWAY frame, a 408)
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) { // reset by the peer: closed too
      return true;
    }
  }

  private static void call(ManagedChannel channel, MethodDescriptor<byte[], byte[]> method,
      byte[] message) {
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
    if (method.getType() == MethodDescriptor.MethodType.UNARY) {
      ClientCalls.blockingUnaryCall(channel, method, options, message);
    } else {
      ClientCalls.blockingServerStreamingCall(channel,
          method.toBuilder().setType(MethodDescriptor.MethodType.SERVER_STREAMING).build(),
          options, message).forEachRemaining(answer -> { });
    }
  }

  /** Messages as the bytes they are on the wire. */
  private static final class RawBytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Takes whatever arrives and does nothing with it. */
  private static final class Ignoring<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }

  /** Asks the transport for no answer at all: the server's answers pile up unread. */
  private static final class NeverReading
      implements ClientResponseObserver<EmbedRequest, EmbedResponse> {
    @Override
    public void beforeStart(ClientCallStreamObserver<EmbedRequest> requests) {
      requests.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(EmbedResponse value) {}

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
