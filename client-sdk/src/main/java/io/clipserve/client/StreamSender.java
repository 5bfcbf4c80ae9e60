package io.clipserve.client;

import io.grpc.stub.ClientCallStreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The sending side of a {@link ClientStream}: messages wait here until the {@link AnswerWindow}
 * has room, then go out tagged with their sequence number; the stream half-closes once the last
 * has gone. Answers arriving free room. Thread-safe (one lock); the futures of sent messages are
 * returned to be completed outside it, so callers' stages never run under the lock.
 */
final class StreamSender<Q, A> {

  private record Waiting<Q>(Q request, CompletableFuture<Void> sent) {
  }

  private final StreamKind<Q, A> kind;
  private final AnswerWindow<Q, A> window;
  private final ArrayDeque<Waiting<Q>> waiting = new ArrayDeque<>();
  private ClientCallStreamObserver<Q> requests; // set before the call starts, then fixed
  private boolean completing;
  private boolean halfClosed;
  private Throwable failure;

  StreamSender(StreamKind<Q, A> kind, StreamOptions options) {
    this.kind = kind;
    this.window = new AnswerWindow<>(options.window(), options.isOrdered());
  }

  synchronized void started(ClientCallStreamObserver<Q> requests) {
    this.requests = requests;
  }

  /** Queues {@code request}; returns the futures of the messages now sent. */
  synchronized List<CompletableFuture<Void>> offer(Q request, CompletableFuture<Void> sent) {
    if (completing) {
      throw new IllegalStateException("the stream is complete: no more messages");
    }
    if (failure != null) {
      sent.completeExceptionally(failure);
      return List.of();
    }
    waiting.add(new Waiting<>(request, sent));
    return pump();
  }

  /** No more messages: half-closes once those waiting for room are sent. */
  synchronized void complete() {
    completing = true;
    pump();
  }

  void cancel(String reason) {
    requests.cancel(reason, null);
  }

  /** The answer to one message arrived: returns the answers now due to the listener. */
  synchronized List<AnswerWindow.Answer<Q, A>> arrived(A response) {
    long sequence;
    try {
      sequence = Long.parseLong(kind.responseId().apply(response));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("the server answered an unknown request_id", e);
    }
    return window.arrived(sequence, response);
  }

  /**
   * The answer to message {@code sequence} goes to the listener now: returns the futures of the
   * messages its room let out.
   */
  synchronized List<CompletableFuture<Void>> handed(long sequence) {
    window.handed(sequence);
    return pump();
  }

  /** The stream ended with {@code error}: returns the messages that were waiting for room. */
  synchronized List<CompletableFuture<Void>> failed(Throwable error) {
    failure = error;
    List<CompletableFuture<Void>> lost = new ArrayList<>();
    waiting.forEach(w -> lost.add(w.sent()));
    waiting.clear();
    return lost;
  }

  /** Sends what fits in the window; returns the futures to complete outside the lock. */
  private List<CompletableFuture<Void>> pump() {
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    while (failure == null && !waiting.isEmpty() && window.hasRoom()) {
      Waiting<Q> next = waiting.poll();
      long sequence = window.open(next.request());
      requests.onNext(kind.tagRequest().apply(next.request(), Long.toString(sequence)));
      sent.add(next.sent());
    }
    if (completing && waiting.isEmpty() && !halfClosed && failure == null) {
      halfClosed = true;
      requests.onCompleted();
    }
    return sent;
  }
}
