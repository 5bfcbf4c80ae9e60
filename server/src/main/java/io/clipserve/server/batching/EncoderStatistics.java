package io.clipserve.server.batching;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one batcher, updated by its workers and callers, read by GetStatistics and
 * {@code /metrics}. Thread-safe; reads are not a consistent snapshot across counters.
 */
public final class EncoderStatistics {
  private final LongAdder requests = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder queueNanos = new LongAdder();
  private final LongAdder computeNanos = new LongAdder();
  private final AtomicLongArray executions;
  private final AtomicLongArray batchComputeNanos;

  public EncoderStatistics(int maxBatchSize) {
    executions = new AtomicLongArray(maxBatchSize + 1);
    batchComputeNanos = new AtomicLongArray(maxBatchSize + 1);
  }

  void request(int itemCount) {
    requests.increment();
    items.add(itemCount);
  }

  void failed(int itemCount) {
    failures.add(itemCount);
  }

  void batch(int size, long queuedNanosSum, long nanos) {
    queueNanos.add(queuedNanosSum);
    computeNanos.add(nanos * size);
    executions.incrementAndGet(size);
    batchComputeNanos.addAndGet(size, nanos);
  }

  public long requests() {
    return requests.sum();
  }

  public long items() {
    return items.sum();
  }

  public long failures() {
    return failures.sum();
  }

  public long queueNanos() {
    return queueNanos.sum();
  }

  public long computeNanos() {
    return computeNanos.sum();
  }

  /** Largest batch size counted. */
  public int maxBatchSize() {
    return executions.length() - 1;
  }

  public long executions(int batchSize) {
    return executions.get(batchSize);
  }

  public long batchComputeNanos(int batchSize) {
    return batchComputeNanos.get(batchSize);
  }
}
