package io.clipserve.server.registry;

import io.clipserve.server.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that load and unload models in the background (the poller's refreshes, re-checks of
 * versions still being copied, LoadModel and UnloadModel), never the threads serving requests.
 * Two of them, so a slow load of one model does not hold up another's (loads of the same model
 * take turns on its lock). A task that throws (an Error included) is logged once and the threads
 * go on; a scheduled task's failure would otherwise vanish into its unread future. Thread-safe.
 */
@Singleton
public final class ModelWorkers {
  private final ScheduledThreadPoolExecutor threads =
      new ScheduledThreadPoolExecutor(2, DaemonThreads.factory("model-loader"));

  public ModelWorkers() {
    // At shutdown, delayed re-reads are dropped; loads already running finish.
    threads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code task} after {@code delayMillis}. */
  public void schedule(Runnable task, long delayMillis) {
    threads.schedule(DaemonThreads.loggingFailures("background model work", task), delayMillis,
        TimeUnit.MILLISECONDS);
  }

  /** The executor for management calls that answer a client when done. */
  public ScheduledExecutorService executor() {
    return threads;
  }

  /**
   * Takes no more work and waits, at most until {@code deadlineNanos} ({@link System#nanoTime()}),
   * for the loads and unloads already running to finish, so none builds a version after shutdown
   * retired them all.
   */
  void finish(long deadlineNanos) throws InterruptedException {
    threads.shutdown();
    threads.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  @PreDestroy
  public void stop() {
    threads.shutdownNow();
  }
}
