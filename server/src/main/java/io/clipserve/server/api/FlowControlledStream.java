package io.clipserve.server.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A bidirectional stream with flow control both ways: at most {@code window} request messages are
 * taken in (manual inbound flow control) and not yet answered; answers are sent only while the
 * transport is ready, and each answer sent lets one more request in. A client that stops reading
 * therefore holds the server to {@code window} messages of memory. Each message is answered
 * separately, in completion order; a failed message becomes an error answer and the stream goes on.
 *
 * <p>gRPC calls {@link #onNext}, {@link #onCompleted} and {@link #onError} one at a time; answers
 * complete on any thread; all output goes through one lock.
 */
final class FlowControlledStream<Q, A> implements StreamObserver<Q> {
  private final ServerCallStreamObserver<A> out;
  private final Function<Q, CompletableFuture<A>> handler;
  private final BiFunction<Q, Throwable, A> errorAnswer;
  private final ArrayDeque<A> ready = new ArrayDeque<>();
  private int unanswered;
  private boolean inboundDone;
  private boolean finished;

  private FlowControlledStream(ServerCallStreamObserver<A> out, Function<Q, CompletableFuture<A>> handler,
      BiFunction<Q, Throwable, A> errorAnswer) {
    this.out = out;
    this.handler = handler;
    this.errorAnswer = errorAnswer;
  }

  /** Starts the stream on {@code observer}; must be called from the service method itself. */
  static <Q, A> StreamObserver<Q> start(StreamObserver<A> observer, int window,
      Function<Q, CompletableFuture<A>> handler, BiFunction<Q, Throwable, A> errorAnswer) {
    ServerCallStreamObserver<A> out = (ServerCallStreamObserver<A>) observer;
    out.disableAutoRequest();
    FlowControlledStream<Q, A> stream = new FlowControlledStream<>(out, handler, errorAnswer);
    out.setOnReadyHandler(stream::drain);
    out.setOnCancelHandler(stream::cancelled);
    out.request(window);
    return stream;
  }

  @Override
  public void onNext(Q request) {
    synchronized (this) {
      unanswered++;
    }
    CompletableFuture<A> answer;
    try {
      answer = handler.apply(request);
    } catch (Throwable e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((value, error) -> {
      synchronized (this) {
        ready.add(error == null ? value : errorAnswer.apply(request, error));
      }
      drain();
    });
  }

  @Override
  public void onError(Throwable t) {
    cancelled();
  }

  @Override
  public void onCompleted() {
    synchronized (this) {
      inboundDone = true;
    }
    drain();
  }

  private synchronized void cancelled() {
    finished = true;
    ready.clear();
  }

  private synchronized void drain() {
    if (finished) {
      return;
    }
    while (!ready.isEmpty() && out.isReady()) {
      out.onNext(ready.poll());
      unanswered--;
      if (!inboundDone) {
        out.request(1);
      }
    }
    if (inboundDone && unanswered == 0) {
      finished = true;
      out.onCompleted();
    }
  }
}
