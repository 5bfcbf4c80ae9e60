package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
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
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against a real server while four well-behaved clients embed: 1,000 idle
 * streams, hundreds of idle connections, streams that never read their answers, one connection
 * flooding the queue, and messages that do not parse. The well-behaved clients see no failure;
 * the attacker gets errors naming the limit; nothing logs a stack trace.
 */
class HostileConnectionsTest {
  private static final String MODEL = RealServer.MODEL;
  private static final int QUOTA = 64;
  static RealServer server;
  static byte[] image;

  @BeforeAll
  static void start() throws IOException {
    image = Files.readAllBytes(RealServer.IMAGES.resolve("pokemon.jpeg"));
    server = new RealServer(Map.of(
        "clipserve.grpc.max-connection-idle", "2s",
        "clipserve.grpc.max-queued-items-per-connection", QUOTA),
        UnaryOperator.identity());
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
    try (WellBehavedClients others = new WellBehavedClients(server.target())) {
      for (int i = 0; i < 1000; i++) {
        streams.add(EmbeddingServiceGrpc.newStub(attacker).embedStream(new Ignoring<>()));
      }
      others.awaitAnswers(200);
      assertThat(others.failures()).isEmpty();
      // clipserve.grpc.max-concurrent-calls-per-connection (100): a further call on the
      // attacker's connection waits behind its idle streams instead of being taken in.
      StatusRuntimeException waited = org.assertj.core.api.Assertions.catchThrowableOfType(
          () -> ModelServiceGrpc.newBlockingStub(attacker).withDeadlineAfter(2, TimeUnit.SECONDS)
              .listModels(ListModelsRequest.getDefaultInstance()), StatusRuntimeException.class);
      assertThat(waited).isNotNull();
      assertThat(waited.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    } finally {
      streams.forEach(stream -> stream.onError(Status.CANCELLED.asException()));
      attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void idleConnectionsAreClosedByTheServer() throws Exception {
    List<ManagedChannel> idle = new ArrayList<>();
    try (WellBehavedClients others = new WellBehavedClients(server.target())) {
      for (int i = 0; i < 300; i++) {
        ManagedChannel channel = channel(64 * 1024);
        idle.add(channel);
        ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
            .listModels(ListModelsRequest.getDefaultInstance());
      }
      others.awaitAnswers(200);
      assertThat(others.failures()).isEmpty();
      // clipserve.grpc.max-connection-idle is 2 s here: the server sends GOAWAY, channels go IDLE.
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (idle.stream().anyMatch(c -> c.getState(false) != ConnectivityState.IDLE)
          && System.nanoTime() < giveUp) {
        Thread.sleep(200);
      }
      assertThat(idle).allMatch(c -> c.getState(false) == ConnectivityState.IDLE);
    } finally {
      for (ManagedChannel channel : idle) {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void streamsThatNeverReadCannotFillTheQueue() throws Exception {
    ManagedChannel attacker = channel(64 * 1024);
    List<ClientCallStreamObserver<EmbedRequest>> streams = new ArrayList<>();
    try (WellBehavedClients others = new WellBehavedClients(server.target())) {
      for (int s = 0; s < 200; s++) {
        var stream = (ClientCallStreamObserver<EmbedRequest>) EmbeddingServiceGrpc.newStub(attacker)
            .embedStream(new NeverReading());
        streams.add(stream);
        for (int m = 0; m < 32; m++) {
          stream.onNext(imageRequest(m, 1));
        }
      }
      others.awaitAnswers(200);
      assertThat(others.failures()).isEmpty();
    } finally {
      streams.forEach(stream -> stream.cancel("done", null));
      attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void oneConnectionFloodingTheQueueIsToldTheLimit() throws Exception {
    ManagedChannel attacker = channel(1024 * 1024);
    AtomicInteger refused = new AtomicInteger();
    List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    int streams = 8;
    CountDownLatch done = new CountDownLatch(streams);
    try (WellBehavedClients others = new WellBehavedClients(server.target())) {
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
      assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
      others.awaitAnswers(100);
      assertThat(others.failures()).isEmpty();
    } finally {
      attacker.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
    }
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
      for (byte[] bad : List.of(badProtobuf, badUtf8)) {
        for (var method : List.of(embed, embedStream)) {
          StatusRuntimeException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
              () -> call(channel, method, bad), StatusRuntimeException.class);
          assertThat(refused).as(method.getFullMethodName()).isNotNull();
          assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(refused.getStatus().getDescription()).contains("does not parse");
        }
      }
      assertThat(logs.lines()).noneMatch(line -> line.contains("THROWN")
          || line.startsWith("SEVERE") || line.startsWith("ERROR"));
    } finally {
      channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
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
