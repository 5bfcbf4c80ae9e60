package io.clipserve.server.api;

import io.clipserve.server.ServingException;
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
 * When the server shuts down ({@link CallGate#close()}) the stream takes in no more messages,
 * answers those it took in, then ends with UNAVAILABLE (or OK when the client had already
 * half-closed).
 *
 * <p>gRPC calls {@link #onNext}, {@link #onCompleted} and {@link #onError} one at a time; answers
 * complete on any thread; all output goes through one lock.
 */
final class FlowControlledStream<Q, A> implements StreamObserver<Q> {
  private final ServerCallStreamObserver<A> out;
  private final Function<Q, CompletableFuture<A>> handler;
  private final BiFunction<Q, Throwable, A> errorAnswer;
  private final CallGate gate;
  private final Runnable endAtShutdown = this::shuttingDown;
  private final ArrayDeque<A> ready = new ArrayDeque<>();
  private int unanswered;
  private boolean inboundDone;
  private boolean finished;
  private boolean shuttingDown;

  private FlowControlledStream(ServerCallStreamObserver<A> out, Function<Q, CompletableFuture<A>> handler,
      BiFunction<Q, Throwable, A> errorAnswer, CallGate gate) {
    this.out = out;
    this.handler = handler;
    this.errorAnswer = errorAnswer;
    this.gate = gate;
  }

  /** Starts the stream on {@code observer}; must be called from the service method itself. */
  static <Q, A> StreamObserver<Q> start(StreamObserver<A> observer, int window, CallGate gate,
      Function<Q, CompletableFuture<A>> handler, BiFunction<Q, Throwable, A> errorAnswer) {
    ServerCallStreamObserver<A> out = (ServerCallStreamObserver<A>) observer;
    out.disableAutoRequest();
    FlowControlledStream<Q, A> stream = new FlowControlledStream<>(out, handler, errorAnswer, gate);
    out.setOnReadyHandler(stream::drain);
    out.setOnCancelHandler(stream::cancelled);
    out.request(window);
    gate.onClose(stream.endAtShutdown);
    return stream;
  }

  @Override
  public void onNext(Q request) {
    synchronized (this) {
      if (finished) {
        // Requested before the stream ended at shutdown, arrived after: not taken in.
        return;
      }
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
    gate.forget(endAtShutdown);
  }

  private void shuttingDown() {
    synchronized (this) {
      shuttingDown = true;
    }
    drain();
  }

  private synchronized void drain() {
    if (finished) {
      return;
    }
    while (!ready.isEmpty() && out.isReady()) {
      out.onNext(ready.poll());
      unanswered--;
      if (!inboundDone && !shuttingDown) {
        out.request(1);
      }
    }
    if ((inboundDone || shuttingDown) && unanswered == 0) {
      finished = true;
      gate.forget(endAtShutdown);
      if (inboundDone) {
        out.onCompleted();
      } else {
        out.onError(GrpcErrors.toStatus(ServingException.unavailable(CallGate.SHUTTING_DOWN
            + ": every message this stream took in was answered, later ones were not taken in"))
            .asRuntimeException());
      }
    }
  }
}
