package io.clipserve.server.batching;

import io.clipserve.server.ServingException;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.InputTensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution instance: gathers a batch from the queue, writes its rows into tensors this
 * worker owns, runs the encoder and completes each item's future with its row. Runs on its own
 * thread, parked while the queue is empty, until it takes {@link QueuedItem#STOP}. Whatever a
 * batch throws (an Error such as OutOfMemoryError included) fails that batch's items, is logged
 * once, and the worker goes on.
 */
final class BatchWorker {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

  private final DynamicBatcher batcher;
  private final Encoder encoder;
  private final BatchingPolicy policy;
  private final InputTensors tensors;
  private final List<QueuedItem> batch;

  BatchWorker(DynamicBatcher batcher, Encoder encoder) {
    this.batcher = batcher;
    this.encoder = encoder;
    this.policy = batcher.policy();
    this.tensors = new InputTensors(encoder.spec().inputs(), policy.maxBatchSize());
    this.batch = new ArrayList<>(policy.maxBatchSize());
  }

  void run() {
    try {
      boolean stopping = false;
      while (!stopping) {
        QueuedItem first = batcher.queue().take();
        if (first == QueuedItem.STOP) {
          return;
        }
        stopping = gather(first);
        execute();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      tensors.close();
    }
  }

  /**
   * Adds items to the batch until it is complete or the first item has waited long enough.
   *
   * @return whether it took {@link QueuedItem#STOP}: this batch is the worker's last
   */
  private boolean gather(QueuedItem first) throws InterruptedException {
    batch.clear();
    accept(first);
    long sendBy = first.enqueuedNanos + policy.maxQueueDelayNanos();
    while (batch.size() < policy.maxBatchSize()) {
      QueuedItem next = batcher.queue().poll();
      if (next == null) {
        long wait = sendBy - System.nanoTime();
        if (policy.isComplete(batch.size()) || wait <= 0) {
          return false;
        }
        next = batcher.queue().poll(wait, TimeUnit.NANOSECONDS);
        if (next == null) {
          return false;
        }
      }
      if (next == QueuedItem.STOP) {
        return true;
      }
      accept(next);
    }
    return false;
  }

  /** Takes an item off the queue into the batch, or answers it now if its call is gone. */
  private void accept(QueuedItem item) {
    batcher.taken(1);
    ServingException abandoned;
    try {
      abandoned = item.scope.abandoned();
    } catch (Throwable e) {
      abandoned = failure("asking whether its call is still there", e);
    }
    if (abandoned != null) {
      batcher.statistics().failed(1);
      item.result.completeExceptionally(abandoned);
    } else {
      batch.add(item);
    }
  }

  private void execute() {
    List<QueuedItem> rows = new ArrayList<>(batch.size());
    long queuedSum = 0;
    long start = System.nanoTime();
    for (QueuedItem item : batch) {
      try {
        item.writer.write(tensors, rows.size());
        rows.add(item);
        long waited = start - item.enqueuedNanos;
        queuedSum += waited;
        batcher.statistics().queued(waited);
      } catch (Throwable e) {
        batcher.statistics().failed(1);
        item.result.completeExceptionally(e instanceof RuntimeException ? e
            : failure("writing an input row", e));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    try {
      float[] out = encoder.run(tensors, rows.size());
      batcher.statistics().batch(rows.size(), queuedSum, System.nanoTime() - start);
      int dim = out.length / rows.size();
      for (int r = 0; r < rows.size(); r++) {
        rows.get(r).result.complete(Arrays.copyOfRange(out, r * dim, (r + 1) * dim));
      }
    } catch (Throwable e) {
      batcher.statistics().failed(rows.size());
      ServingException failure = failure("running a batch of " + rows.size(), e);
      rows.forEach(item -> item.result.completeExceptionally(failure));
    }
  }

  /** A failure of this worker's own, logged once, as the error its items answer. */
  private ServingException failure(String doing, Throwable e) {
    if (e instanceof EncoderException || e instanceof RuntimeException) {
      return new ServingException(ServingException.Reason.INTERNAL, e.getMessage());
    }
    LOG.error("{} failed {}: {}", batcher.label(), doing, e.toString());
    ServingException.Reason reason = e instanceof OutOfMemoryError
        ? ServingException.Reason.RESOURCE_EXHAUSTED : ServingException.Reason.INTERNAL;
    return new ServingException(reason, batcher.label() + " failed " + doing + ": " + e);
  }
}
