package io.clipserve.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that background work makes true, failing with a description if it never does. */
public final class Eventually {
  private Eventually() {}

  /** Checks {@code condition} every 20 ms, running {@code nudge} before each check, until true or the timeout. */
  public static void await(String what, Duration timeout, Runnable nudge, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      nudge.run();
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  public static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(20), () -> { }, condition);
  }
}
