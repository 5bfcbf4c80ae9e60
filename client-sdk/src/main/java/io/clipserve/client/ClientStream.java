package io.clipserve.client;

import io.clipserve.proto.v1.EmbeddingServiceGrpc.EmbeddingServiceStub;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One open {@code EmbedStream} or {@code SimilarityStream}, from
 * {@link ClipServeClient#embedStream} or {@link ClipServeClient#similarityStream}. Flow control
 * works both ways: at most
 * {@link StreamOptions#window()} messages are sent and not yet handed to the listener; a message
 * sent beyond that waits here ({@link #send} blocks, {@link #sendAsync}'s future stays pending)
 * until an answer frees room. Answers are read only as fast as the {@link StreamListener} takes
 * them.
 * <pre>{@code
 * ClientStream<EmbedRequest, EmbedResponse> stream =
 *         client.embedStream(StreamOptions.ordered().window(32), listener);
 * stream.send(request);
 * stream.complete();
 * }</pre>
 *
 * <p>Thread-safe: any thread may send, complete or cancel. Call {@link #complete()} after the last
 * message; the listener's {@code onCompleted} follows the last answer. Messages travel with this
 * stream's own {@code request_id}s; the listener sees the caller's request and id again.
 */
public final class ClientStream<Q, A> {

  private final StreamSender<Q, A> sender;

  private ClientStream(StreamSender<Q, A> sender) {
    this.sender = sender;
  }

  /** Opens a stream of {@code kind} on {@code stub}, answering to {@code listener}. */
  static <Q, A> ClientStream<Q, A> open(EmbeddingServiceStub stub, StreamKind<Q, A> kind,
      StreamOptions options, StreamListener<Q, A> listener) {
    ClientStream<Q, A> stream = new ClientStream<>(new StreamSender<>(kind, options));
    kind.open().apply(stub, new StreamResponses<>(stream, kind, listener, options.window()));
    return stream;
  }

  /**
   * Sends {@code request} once the window has room; the future completes when it has been
   * handed to gRPC, or fails when the stream has failed.
   *
   * @throws IllegalStateException after {@link #complete()}
   */
  public CompletableFuture<Void> sendAsync(Q request) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    sender.offer(request, sent).forEach(future -> future.complete(null));
    return sent;
  }

  /** Sends {@code request}, waiting while the window is full. Never call it from the listener. */
  public void send(Q request) throws InterruptedException {
    try {
      sendAsync(request).get();
    } catch (ExecutionException e) {
      throw Status.fromThrowable(e.getCause()).asRuntimeException();
    }
  }

  /** No more messages: the stream half-closes once those waiting for room are sent. */
  public void complete() {
    sender.complete();
  }

  /** Ends the stream now; the listener gets {@code onError} with CANCELLED. */
  public void cancel(String reason) {
    sender.cancel(reason);
  }

  void started(ClientCallStreamObserver<Q> requests) {
    sender.started(requests);
  }

  /** The answer to one message arrived; returns those now due to the listener. */
  List<AnswerWindow.Answer<Q, A>> arrived(A response) {
    return sender.arrived(response);
  }

  /** {@code answer} goes to the listener now; its room lets the next waiting message out. */
  void handing(AnswerWindow.Answer<Q, A> answer) {
    sender.handed(answer.sequence()).forEach(future -> future.complete(null));
  }

  /** The stream ended with {@code error}: messages waiting for room fail with it. */
  void failed(Throwable error) {
    sender.failed(error).forEach(future -> future.completeExceptionally(error));
  }
}
