package io.clipserve.client;

import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.grpc.Channel;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.Optional;

/**
 * Makes the generated stubs for one call each. A stub is made per call because
 * {@code withDeadlineAfter} fixes the deadline when the stub is made, not when it is used.
 * Immutable and thread-safe.
 */
final class Stubs {

  private final Channel channel;
  private final Duration deadline; // null: calls have no deadline

  Stubs(Channel channel, Duration deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  Channel channel() {
    return channel;
  }

  Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding() {
    return timed(EmbeddingServiceGrpc.newBlockingStub(channel));
  }

  EmbeddingServiceGrpc.EmbeddingServiceFutureStub embeddingFuture() {
    return timed(EmbeddingServiceGrpc.newFutureStub(channel));
  }

  /** For streams, which get their own deadline (none unless asked), not the client's. */
  EmbeddingServiceGrpc.EmbeddingServiceStub embeddingStream(Optional<Duration> streamDeadline) {
    EmbeddingServiceGrpc.EmbeddingServiceStub stub = EmbeddingServiceGrpc.newStub(channel);
    return streamDeadline.map(stub::withDeadlineAfter).orElse(stub);
  }

  ModelServiceGrpc.ModelServiceBlockingStub models() {
    return timed(ModelServiceGrpc.newBlockingStub(channel));
  }

  ModelServiceGrpc.ModelServiceFutureStub modelsFuture() {
    return timed(ModelServiceGrpc.newFutureStub(channel));
  }

  private <S extends AbstractStub<S>> S timed(S stub) {
    return deadline == null ? stub : stub.withDeadlineAfter(deadline);
  }
}
