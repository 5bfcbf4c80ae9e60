package io.clipserve.server.batching;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and histograms of one batcher, updated by its workers and callers, read by
 * GetStatistics and {@code /metrics}. The histograms are the metrics library's, unregistered and
 * unlabelled: {@code /metrics} adds the model, version and encoder labels. Thread-safe; reads are
 * not a consistent snapshot across counters.
 */
public final class EncoderStatistics {
  private final LongAdder requests = new LongAdder();
  private final LongAdder items = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder queueNanos = new LongAdder();
  private final LongAdder computeNanos = new LongAdder();
  private final AtomicLongArray executions;
  private final AtomicLongArray batchComputeNanos;
  /** Seconds: 0.5 ms to 8.192 s, doubling; slower lands in +Inf. */
  private final Histogram queueSeconds = doubling(0.0005, 15);
  private final Histogram computeSeconds = doubling(0.0005, 15);
  /** Items: 1 to 1024, doubling. */
  private final Histogram batchSizes = doubling(1, 11);

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

  /** An item was taken into a batch after waiting {@code nanos} in the queue. */
  void queued(long nanos) {
    queueSeconds.observe(nanos / 1e9);
  }

  void batch(int size, long queuedNanosSum, long nanos) {
    queueNanos.add(queuedNanosSum);
    computeNanos.add(nanos * size);
    executions.incrementAndGet(size);
    batchComputeNanos.addAndGet(size, nanos);
    computeSeconds.observe(nanos / 1e9);
    batchSizes.observe(size);
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

  /** Per item taken into a batch: seconds from queued to its batch's start. */
  public HistogramSnapshot queueSeconds() {
    return queueSeconds.collect();
  }

  /** Per successful execution: its seconds (rows written, encoder run). */
  public HistogramSnapshot computeSeconds() {
    return computeSeconds.collect();
  }

  /** Per successful execution: its items. */
  public HistogramSnapshot batchSizes() {
    return batchSizes.collect();
  }

  /** Buckets from {@code first} up, each twice the last, {@code count} of them and +Inf. */
  private static Histogram doubling(double first, int count) {
    return Histogram.builder().name("encoder").classicOnly()
        .classicExponentialUpperBounds(first, 2, count).withoutExemplars().build();
  }
}
