package io.clipserve.server.batching;

import java.util.concurrent.CompletableFuture;

/** One item waiting in a batcher's queue, and the future its embedding completes. */
final class QueuedItem {
  /** Queued once per worker when the batcher closes, after every real item: the worker ends. */
  static final QueuedItem STOP = new QueuedItem(null, null);

  final RowWriter writer;
  final CallScope scope;
  final CompletableFuture<float[]> result = new CompletableFuture<>();
  final long enqueuedNanos = System.nanoTime();

  QueuedItem(RowWriter writer, CallScope scope) {
    this.writer = writer;
    this.scope = scope;
  }
}
