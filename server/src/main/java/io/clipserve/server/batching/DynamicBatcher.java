package io.clipserve.server.batching;

import io.clipserve.server.DaemonThreads;
import io.clipserve.server.ServingException;
import io.clipserve.server.backend.Encoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue and workers of one encoder. Callers {@link #admit} a request's items (refused at once
 * when the queue is full), then {@link #submit} each; {@code instanceCount} {@link BatchWorker}
 * threads take them in arrival order into batches.
 *
 * <p>Thread-safe. Does not own the encoder: after {@link #close()} has returned (every queued item
 * answered, every worker stopped) the caller closes it.
 */
public final class DynamicBatcher implements AutoCloseable {
  private final String label;
  private final BatchingPolicy policy;
  private final EncoderStatistics statistics;
  private final LinkedBlockingQueue<QueuedItem> queue = new LinkedBlockingQueue<>();
  /** Items admitted and not yet taken by a worker (or given back): what max_queue_size bounds. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  /** Notified when {@link #waiting} falls to 0 after {@link #close()} began. */
  private final Object drained = new Object();
  private volatile boolean closed;

  public DynamicBatcher(String label, Encoder encoder, BatchingPolicy policy) {
    this.label = label;
    this.policy = policy;
    this.statistics = new EncoderStatistics(policy.maxBatchSize());
    for (int i = 0; i < policy.instanceCount(); i++) {
      BatchWorker worker = new BatchWorker(this, encoder);
      workers.add(DaemonThreads.start("batch-" + label + "-" + i, worker::run));
    }
  }

  public String label() {
    return label;
  }

  public BatchingPolicy policy() {
    return policy;
  }

  public EncoderStatistics statistics() {
    return statistics;
  }

  /**
   * Reserves queue room for a request's {@code itemCount} items; each must then be
   * {@link #submit submitted} or {@link #giveBack given back}.
   *
   * @throws ServingException RESOURCE_EXHAUSTED when they do not fit, UNAVAILABLE once closing
   */
  public void admit(int itemCount) {
    if (closed) {
      throw ServingException.unavailable(label + " is being unloaded");
    }
    int now;
    do {
      now = waiting.get();
      if (now + itemCount > policy.maxQueueSize()) {
        statistics.request(itemCount);
        statistics.failed(itemCount);
        throw ServingException.resourceExhausted("the queue of " + label + " is full ("
            + now + " items waiting, max_queue_size " + policy.maxQueueSize() + ")");
      }
    } while (!waiting.compareAndSet(now, now + itemCount));
    if (closed) {
      // close() may have seen nothing waiting and stopped the workers: take the room back.
      release(itemCount);
      throw ServingException.unavailable(label + " is being unloaded");
    }
    statistics.request(itemCount);
  }

  /** Queues one admitted item; the future completes with its output row or fails. */
  public CompletableFuture<float[]> submit(RowWriter writer, CallScope scope) {
    QueuedItem item = new QueuedItem(writer, scope);
    queue.add(item);
    return item.result;
  }

  /** Releases room admitted for items that will not be submitted (their preprocessing failed). */
  public void giveBack(int itemCount) {
    release(itemCount);
    statistics.failed(itemCount);
  }

  LinkedBlockingQueue<QueuedItem> queue() {
    return queue;
  }

  void taken(int itemCount) {
    release(itemCount);
  }

  private void release(int itemCount) {
    if (waiting.addAndGet(-itemCount) == 0 && closed) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  /**
   * Refuses new items, waits until every admitted one has been taken by a worker, then queues one
   * {@link QueuedItem#STOP} per worker and waits until each has answered its last batch and ended.
   * Idle workers thus park until work or the stop comes, instead of waking to poll a flag.
   */
  @Override
  public void close() {
    closed = true;
    try {
      synchronized (drained) {
        while (waiting.get() > 0) {
          drained.wait();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    workers.forEach(worker -> queue.add(QueuedItem.STOP));
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
