package io.clipserve.server.pipeline;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One request's way onto the shared decode pool: at most {@code width} of its images are in the
 * pool's queue or decoding at once; the others wait here and go in as those finish. Requests thus
 * interleave on the pool (a request with 1,000 images no longer queues all of them ahead of the
 * next request's one), and a newcomer waits at most for the decodes already running and
 * {@code width} per request ahead of it, each bounded by
 * {@code clipserve.limits.max-decode-millis}.
 * Thread-safe.
 */
final class DecodeLane implements Executor {
  private final Executor pool;
  private final int width;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int inPool;

  DecodeLane(Executor pool, int width) {
    this.pool = pool;
    this.width = width;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (inPool >= width) {
        waiting.add(task);
        return;
      }
      inPool++;
    }
    pool.execute(() -> runThenNext(task));
  }

  private void runThenNext(Runnable task) {
    try {
      task.run();
    } finally {
      Runnable next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          inPool--;
        }
      }
      if (next != null) {
        Runnable queued = next;
        pool.execute(() -> runThenNext(queued));
      }
    }
  }
}
