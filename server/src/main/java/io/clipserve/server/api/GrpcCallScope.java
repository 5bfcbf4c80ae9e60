package io.clipserve.server.api;

import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.grpc.Context;
import io.grpc.Deadline;

/**
 * The batcher's view of a gRPC call: its context's deadline and cancellation. Captured on the
 * call's thread, read on worker threads (Context is thread-safe).
 */
final class GrpcCallScope implements CallScope {
  private final Context context;

  private GrpcCallScope(Context context) {
    this.context = context;
  }

  /** The scope of the call being handled on this thread. */
  static CallScope current() {
    return new GrpcCallScope(Context.current());
  }

  @Override
  public ServingException abandoned() {
    Deadline deadline = context.getDeadline();
    if (deadline != null && deadline.isExpired()) {
      return new ServingException(ServingException.Reason.DEADLINE_EXCEEDED,
          "the deadline passed while the request was queued; it was dropped before inference");
    }
    if (context.isCancelled()) {
      return new ServingException(ServingException.Reason.CANCELLED, "the call was cancelled");
    }
    return null;
  }
}
