package io.clipserve.client.bench;

/**
 * What one concurrency step measured, from the client side: items answered per second within the
 * measuring window, latency percentiles of the requests answered in it, and failed requests.
 */
public record StepResult(int concurrency, double seconds, long requests, long items, long errors,
    double p50Millis, double p95Millis, double p99Millis) {

  public double itemsPerSecond() {
    return items / seconds;
  }
}
