package io.clipserve.server;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads of the server's own pools: daemon threads (they never keep the process alive past
 * Micronaut's shutdown) with names that say which pool they belong to in a thread dump.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A factory naming its threads {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory factory(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> create(prefix + "-" + counter.incrementAndGet(), runnable);
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
