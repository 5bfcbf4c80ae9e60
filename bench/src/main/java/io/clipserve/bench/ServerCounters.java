package io.clipserve.bench;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.BatchStatistics;
import io.clipserve.proto.v1.EncoderStatistics;

/**
 * One encoder's counters from GetStatistics (summed over the model's versions), so a step can say
 * how the server batched its load: mean batch size and mean time an item waited for its batch.
 */
public record ServerCounters(long items, long executions, long queueNanos) {

  /** The counters of {@code encoder} ("image" or "text") of {@code model} now. */
  public static ServerCounters read(ClipServeClient client, String model, String encoder) {
    long items = 0;
    long executions = 0;
    long queue = 0;
    for (var version : client.statistics(model, 0)) {
      for (EncoderStatistics e : version.getEncodersList()) {
        if (e.getEncoder().equals(encoder)) {
          items += e.getBatchesList().stream()
              .mapToLong(b -> b.getBatchSize() * b.getExecutions()).sum();
          executions += e.getBatchesList().stream().mapToLong(BatchStatistics::getExecutions).sum();
          queue += e.getQueueNanos();
        }
      }
    }
    return new ServerCounters(items, executions, queue);
  }

  /** What happened between {@code earlier} and this. */
  public ServerCounters since(ServerCounters earlier) {
    return new ServerCounters(items - earlier.items, executions - earlier.executions,
        queueNanos - earlier.queueNanos);
  }

  /** Both together (two rounds of one step). */
  public ServerCounters plus(ServerCounters other) {
    return new ServerCounters(items + other.items, executions + other.executions,
        queueNanos + other.queueNanos);
  }

  public double meanBatch() {
    return executions == 0 ? Double.NaN : (double) items / executions;
  }

  public double meanQueueMillis() {
    return items == 0 ? Double.NaN : queueNanos / 1e6 / items;
  }
}
