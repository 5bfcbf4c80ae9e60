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
 * The queue and workers of one encoder. Callers {@link #reserve} room for a request's items
 * (refused at once when the queue is full), then {@link #submit} each against the
 * {@link Reservation} and close it; {@code instanceCount} {@link BatchWorker}
 * threads take them in arrival order into batches.
 *
 * <p>Thread-safe. Does not own the encoder: after {@link #close()} has returned (every queued item
 * answered, every worker stopped) the caller closes it.
 */
public final class DynamicBatcher implements AutoCloseable {
  private final String label;
  private final BatchingPolicy policy;
  private final int fileMaxBatchSize;
  private final EncoderStatistics statistics;
  private final LinkedBlockingQueue<QueuedItem> queue = new LinkedBlockingQueue<>();
  /** Items reserved and not yet taken by a worker (or handed back): what max_queue_size bounds. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final List<Thread> workers = new ArrayList<>();
  /** Notified when {@link #waiting} falls to 0 after {@link #close()} began. */
  private final Object drained = new Object();
  private volatile boolean closed;

  public DynamicBatcher(String label, Encoder encoder, BatchingPolicy policy) {
    this.label = label;
    this.policy = policy;
    this.fileMaxBatchSize = encoder.fileMaxBatchSize();
    this.statistics = new EncoderStatistics(policy.maxBatchSize());
    for (int i = 0; i < policy.instanceCount(); i++) {
      BatchWorker worker = new BatchWorker(this, encoder);
      workers.add(DaemonThreads.start("batch-" + label + "-" + i, worker::run));
    }
  }

  public String label() {
    return label;
  }

  /** The largest batch the encoder file takes; 0 when only the config limits it. */
  public int fileMaxBatchSize() {
    return fileMaxBatchSize;
  }

  public BatchingPolicy policy() {
    return policy;
  }

  public EncoderStatistics statistics() {
    return statistics;
  }

  /** Items reserved and not yet taken into a batch: the queue length max_queue_size bounds. */
  public int queueLength() {
    return waiting.get();
  }

  /**
   * Reserves queue room for a request's {@code itemCount} items. The caller submits items against
   * it and closes it, which hands back the room of items never submitted.
   *
   * @throws ServingException RESOURCE_EXHAUSTED naming max_queue_size when they do not fit,
   *     UNAVAILABLE once closing
   */
  public Reservation reserve(int itemCount) {
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
    return new Reservation(this, itemCount);
  }

  /**
   * Queues one item in a slot of {@code room}; the future completes with its output row or fails.
   *
   * @throws IllegalStateException when {@code room} has no slot left
   */
  public CompletableFuture<float[]> submit(Reservation room, RowWriter writer, CallScope scope) {
    room.consume(this);
    QueuedItem item = new QueuedItem(writer, scope);
    queue.add(item);
    return item.result;
  }

  /** Room reserved for items that were never submitted (e.g. their preprocessing failed). */
  void handBack(int itemCount) {
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
   * Refuses new items, waits until every reserved one has been taken by a worker or handed back,
   * then queues one {@link QueuedItem#STOP} per worker and waits until each has answered its last
   * batch and ended. Idle workers thus park until work or the stop comes, instead of waking to
   * poll a flag.
   *
   * <p>Returns only once every worker has ended, even when the calling thread is interrupted (the
   * interrupt is kept for the caller): the caller closes the encoder next, and a run still on it
   * would crash the process in native code.
   */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    synchronized (drained) {
      while (waiting.get() > 0) {
        try {
          drained.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    workers.forEach(worker -> queue.add(QueuedItem.STOP));
    for (Thread worker : workers) {
      while (worker.isAlive()) {
        try {
          worker.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
