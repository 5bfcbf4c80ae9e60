package io.clipserve.bench;

import java.util.function.Consumer;

/**
 * Cuts a running step into intervals of a fixed length counted from the step's start, every
 * answer and failure (warm-up included) in the interval it arrived in, and hands each interval on
 * as it ends: the figures that show a run dipping and recovering when a replica goes away
 * ({@code bench --interval-seconds}). Called on the step's answer thread only; not thread-safe.
 */
final class IntervalMeter {

  private final long start;
  private final long length;
  private final Consumer<Interval> done;
  private Tally current = new Tally();
  private long from;

  IntervalMeter(long startNanos, long lengthNanos, Consumer<Interval> done) {
    this.start = startNanos;
    this.from = startNanos;
    this.length = lengthNanos;
    this.done = done;
  }

  void answered(long atNanos, int items, long latencyNanos) {
    roll(atNanos);
    current.answered(items, latencyNanos);
  }

  void failed(long atNanos) {
    roll(atNanos);
    current.failed();
  }

  /** Ends every interval that is over by {@code nowNanos}, empty ones included. */
  void roll(long nowNanos) {
    while (nowNanos >= from + length) {
      end(from + length);
    }
  }

  /** Ends the step: every whole interval, then the part of one that ran until {@code nowNanos}. */
  void finish(long nowNanos) {
    roll(nowNanos);
    if (nowNanos > from) {
      end(nowNanos);
    }
  }

  private void end(long to) {
    current.measured((to - from) / 1e9, 0);
    done.accept(new Interval((from - start) / 1e9, (to - start) / 1e9, current));
    current = new Tally();
    from = to;
  }
}
