package io.clipserve.client;

import io.grpc.Status;

/**
 * Receives the answers of a {@link ClientStream}. Each answer comes with the request it answers,
 * as the caller sent it (its {@code request_id} included).
 *
 * <p>Threads: methods are called on gRPC's threads, one at a time, never concurrently, and in the
 * order {@link StreamOptions} asks for. Keep them short: while one runs no further answer is read
 * (inbound flow control), which is how a slow listener holds the server back. A listener may call
 * {@link ClientStream#sendAsync} and {@link ClientStream#complete}, but must not block on
 * {@link ClientStream#send}: the room it waits for is freed only once the listener returns.
 *
 * @param <Q> the request message
 * @param <A> the response message
 */
public interface StreamListener<Q, A> {

  /** {@code request} was answered. */
  void onResponse(Q request, A response);

  /**
   * {@code request} failed (the response's {@code error} field: unknown model, undecodable
   * image, queue full...); the stream goes on.
   */
  void onMessageError(Q request, Status error);

  /** The server has answered everything and closed the stream; nothing follows. */
  default void onCompleted() {
  }

  /**
   * The stream as a whole failed (cancelled, deadline, server gone); nothing follows. Messages
   * sent and not answered are lost.
   */
  void onError(Throwable error);
}
