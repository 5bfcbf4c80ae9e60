package io.clipserve.server.service;

import io.clipserve.server.ServingException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The inputs one client connection has admitted and not yet seen encoded, over all its calls,
 * bounded by {@code clipserve.grpc.max-queued-items-per-connection}, so that one client (many
 * streams, or streams it never reads) cannot fill the encoder queues every client shares. A
 * request larger than the bound on its own is admitted while its connection has nothing else in
 * flight. One per connection (gRPC or HTTP); the transport keeps it with the connection.
 * Thread-safe.
 */
public final class InputQuota {
  /** Calls that did not come through a connection (in-process servers in tests). */
  public static final InputQuota UNBOUNDED = new InputQuota(Integer.MAX_VALUE);

  private final int limit;
  private int inFlight;

  public InputQuota(int limit) {
    this.limit = limit;
  }

  /**
   * Runs {@code work} for {@code items} inputs if the connection has room for them, and gives
   * the room back when its future completes (or {@code work} throws).
   *
   * @throws ServingException RESOURCE_EXHAUSTED naming the setting when there is no room
   */
  public <T> CompletableFuture<T> admit(int items, Supplier<CompletableFuture<T>> work) {
    take(items);
    CompletableFuture<T> future;
    try {
      future = work.get();
    } catch (RuntimeException | Error e) {
      give(items);
      throw e;
    }
    future.whenComplete((value, error) -> give(items));
    return future;
  }

  private synchronized void take(int items) {
    if (inFlight > 0 && inFlight + items > limit) {
      throw ServingException.resourceExhausted("this connection already has " + inFlight
          + " inputs in flight; " + items + " more would pass "
          + "clipserve.grpc.max-queued-items-per-connection (" + limit + ")");
    }
    inFlight += items;
  }

  private synchronized void give(int items) {
    inFlight -= items;
  }
}
