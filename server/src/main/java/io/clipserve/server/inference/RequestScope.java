package io.clipserve.server.inference;

import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scope of one request's items: abandoned when its call is, or as soon as any item of the
 * request has failed, so that the other items are dropped before they decode or run (a request
 * that fails leaves nothing queued). Remembers the first failure, which the request reports.
 * Thread-safe.
 */
final class RequestScope implements CallScope {
  private static final ServingException SIBLING_FAILED = new ServingException(
      ServingException.Reason.CANCELLED, "dropped: another input of the request failed");

  private final CallScope call;
  private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

  RequestScope(CallScope call) {
    this.call = call;
  }

  @Override
  public ServingException abandoned() {
    ServingException gone = call.abandoned();
    if (gone != null) {
      return gone;
    }
    return firstFailure.get() == null ? null : SIBLING_FAILED;
  }

  /** Records a failure of one item; the first one is what the request reports. */
  void failed(Throwable error) {
    firstFailure.compareAndSet(null, error);
  }

  /** The first failure recorded (else {@code fallback}), as a failure of the request's future. */
  CompletionException firstFailureOr(Throwable fallback) {
    Throwable error = firstFailure.get() != null ? firstFailure.get() : fallback;
    return error instanceof CompletionException c ? c : new CompletionException(error);
  }
}
