package io.clipserve.server.batching;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue room a {@link DynamicBatcher} granted to one request: {@link DynamicBatcher#submit}
 * consumes one slot per item, and {@link #close()} hands the unconsumed slots back (counted as
 * failed items) exactly once, so a request whose items never reach the queue cannot keep room.
 *
 * <p>Thread-safe: items may be submitted from preprocessing threads while another thread closes
 * it; a slot is either consumed or handed back, never both. Close it only once no item will be
 * submitted any more (after every item is submitted or has failed).
 */
public final class Reservation implements AutoCloseable {
  private final DynamicBatcher batcher;
  private final AtomicInteger unconsumed;

  Reservation(DynamicBatcher batcher, int slots) {
    this.batcher = batcher;
    this.unconsumed = new AtomicInteger(slots);
  }

  /** Takes one slot for an item being queued on {@code target}. */
  void consume(DynamicBatcher target) {
    if (target != batcher) {
      throw new IllegalArgumentException("a reservation of " + batcher.label()
          + " cannot queue an item on " + target.label());
    }
    if (unconsumed.getAndUpdate(n -> Math.max(n - 1, 0)) == 0) {
      throw new IllegalStateException("the reservation on " + batcher.label()
          + " has no slot left (every reserved slot was used or handed back)");
    }
  }

  /** Hands the unconsumed slots back to the batcher; later calls do nothing. */
  @Override
  public void close() {
    int left = unconsumed.getAndSet(0);
    if (left > 0) {
      batcher.handBack(left);
    }
  }
}
