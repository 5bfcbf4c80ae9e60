package io.clipserve.bench;

import java.util.Arrays;

/** Latencies recorded from any thread, and their percentiles. Thread-safe. */
public final class Latencies {
  private long[] nanos = new long[1024];
  private int count;

  public synchronized void add(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** Adds every latency {@code other} holds. */
  public void addAll(Latencies other) {
    long[] theirs;
    int n;
    synchronized (other) {
      theirs = other.nanos;
      n = other.count;
    }
    for (int i = 0; i < n; i++) {
      add(theirs[i]);
    }
  }

  public synchronized int count() {
    return count;
  }

  /** The nearest-rank {@code percent} percentile in milliseconds; NaN when nothing was recorded. */
  public synchronized double percentileMillis(double percent) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * count);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
