package io.clipserve.bench;

/**
 * Sums of one measured thing (a served concurrency step, or one baseline batch size) over the
 * rounds of a run: time measured, requests and items answered, failures, CPU time where known,
 * and every latency. Thread-safe.
 */
public final class Tally {
  private final Latencies latencies = new Latencies();
  private long requests;
  private long items;
  private long errors;
  private double seconds;
  private double cpuSeconds;

  synchronized void answered(int itemCount, long latencyNanos) {
    requests++;
    items += itemCount;
    latencies.add(latencyNanos);
  }

  synchronized void failed() {
    errors++;
  }

  synchronized void measured(double wallSeconds, double cpu) {
    seconds += wallSeconds;
    cpuSeconds += cpu;
  }

  /** Adds what {@code other} holds (one round) to this (the run). */
  public void add(Tally other) {
    synchronized (other) {
      synchronized (this) {
        requests += other.requests;
        items += other.items;
        errors += other.errors;
        seconds += other.seconds;
        cpuSeconds += other.cpuSeconds;
        latencies.addAll(other.latencies);
      }
    }
  }

  public synchronized long requests() {
    return requests;
  }

  public synchronized long errors() {
    return errors;
  }

  public synchronized double itemsPerSecond() {
    return items / seconds;
  }

  /** Items per CPU second of the measuring process; NaN where CPU time was not measured. */
  public synchronized double itemsPerCpuSecond() {
    return cpuSeconds > 0 ? items / cpuSeconds : Double.NaN;
  }

  public double percentileMillis(double percent) {
    return latencies.percentileMillis(percent);
  }
}
