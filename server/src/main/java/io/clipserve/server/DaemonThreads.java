package io.clipserve.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads of the server's own pools: daemon threads (they never keep the process alive past
 * Micronaut's shutdown) with names that say which pool they belong to in a thread dump.
 */
public final class DaemonThreads {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonThreads.class);

  private DaemonThreads() {}

  /** A factory naming its threads {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory factory(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> create(prefix + "-" + counter.incrementAndGet(), runnable);
  }

  /**
   * {@code task}, except that whatever it throws (an Error included) is logged once, naming
   * {@code what} failed, instead of ending a pool's thread or vanishing into an unread future.
   */
  public static Runnable loggingFailures(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (Throwable e) {
        LOG.error("{} failed: {}", what, e.toString(), e);
      }
    };
  }

  /** Starts one named daemon thread. */
  public static Thread start(String name, Runnable body) {
    Thread thread = create(name, body);
    thread.start();
    return thread;
  }

  private static Thread create(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
