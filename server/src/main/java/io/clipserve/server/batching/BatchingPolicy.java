package io.clipserve.server.batching;

import java.util.Arrays;

/**
 * When a batch leaves: at {@code maxBatchSize}, at any of {@code preferredSizes}, or once its
 * first item has waited {@code maxQueueDelayNanos}. At most {@code maxQueueSize} items wait.
 */
public record BatchingPolicy(int maxBatchSize, int[] preferredSizes, long maxQueueDelayNanos,
    int maxQueueSize, int instanceCount) {

  public BatchingPolicy {
    if (maxBatchSize < 1 || maxQueueSize < 1 || instanceCount < 1 || maxQueueDelayNanos < 0) {
      throw new IllegalArgumentException("invalid batching policy");
    }
    preferredSizes = Arrays.stream(preferredSizes).filter(s -> s <= maxBatchSize).sorted().toArray();
  }

  /** Whether a batch of {@code size} items leaves without waiting for more. */
  public boolean isComplete(int size) {
    return size >= maxBatchSize || Arrays.binarySearch(preferredSizes, size) >= 0;
  }
}
