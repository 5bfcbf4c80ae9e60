package io.clipserve.client;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

/**
 * The response side of a {@link ClientStream}: reads answers with manual flow control (the window
 * at first, then one more per answer taken) and hands them to the listener with the caller's
 * request. gRPC calls it one callback at a time.
 */
final class StreamResponses<Q, A> implements ClientResponseObserver<Q, A> {

  private final ClientStream<Q, A> stream;
  private final StreamKind<Q, A> kind;
  private final StreamListener<Q, A> listener;
  private final int window;
  private ClientCallStreamObserver<Q> requests;

  StreamResponses(ClientStream<Q, A> stream, StreamKind<Q, A> kind, StreamListener<Q, A> listener,
      int window) {
    this.stream = stream;
    this.kind = kind;
    this.listener = listener;
    this.window = window;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Q> requests) {
    this.requests = requests;
    requests.disableAutoRequestWithInitial(window);
    stream.started(requests);
  }

  @Override
  public void onNext(A response) {
    try {
      for (var answer : stream.arrived(response)) {
        stream.handing(answer);
        hand(answer.request(), answer.response());
      }
    } catch (IllegalStateException e) {
      requests.cancel(e.getMessage(), e);
      return;
    }
    requests.request(1);
  }

  private void hand(Q request, A response) {
    com.google.rpc.Status error = kind.error().apply(response);
    if (error != null) {
      listener.onMessageError(request, Status.fromCodeValue(error.getCode())
          .withDescription(error.getMessage()));
    } else {
      listener.onResponse(request, kind.restoreId().apply(response, request));
    }
  }

  @Override
  public void onError(Throwable error) {
    stream.failed(error);
    listener.onError(error);
  }

  @Override
  public void onCompleted() {
    listener.onCompleted();
  }
}
