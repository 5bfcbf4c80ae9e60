package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.server.ServingException;
import io.clipserve.server.pipeline.ImagePipeline;
import io.clipserve.server.pipeline.LabelEmbeddingCache;
import io.clipserve.server.pipeline.TextPipeline;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version ready to serve: its config and pipelines. Reference-counted: requests
 * {@link #retain()} it and {@link #release()} it when answered; once {@link #retire retired}, its
 * resources (batchers, encoders, tokenizer) are closed after the last release. Thread-safe.
 *
 * <p>Owns the native resources of the version (ONNX Runtime sessions, TensorRT contexts, direct
 * buffers). They are closed on the closer thread only, in reverse order of building, and never
 * while a run on them is in flight, on shutdown, unload and reload alike: a request's hold lasts
 * until its answer exists (every run for it has returned), and each batcher's close returns only
 * after its workers have answered their last batch and ended, before the encoders it runs on are
 * closed. {@link #closed()} completes once all of it is closed.
 */
public final class LoadedVersion {
  private final String name;
  private final long version;
  private final ModelConfig config;
  private final ImagePipeline image;
  private final TextPipeline text;
  private final LabelEmbeddingCache labels;
  private final AutoCloseable resources;
  private final Executor closer;
  /** Holders: one for the registry while served, one per request in flight. */
  private final AtomicInteger holders = new AtomicInteger(1);
  private volatile Runnable whenClosed = () -> {};
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  LoadedVersion(String name, long version, ModelConfig config, ImagePipeline image, TextPipeline text,
      LabelEmbeddingCache labels, AutoCloseable resources, Executor closer) {
    this.name = name;
    this.version = version;
    this.config = config;
    this.image = image;
    this.text = text;
    this.labels = labels;
    this.resources = resources;
    this.closer = closer;
  }

  public String name() {
    return name;
  }

  public long version() {
    return version;
  }

  public ModelConfig config() {
    return config;
  }

  public Optional<ImagePipeline> image() {
    return Optional.ofNullable(image);
  }

  public Optional<TextPipeline> text() {
    return Optional.ofNullable(text);
  }

  /** The image pipeline, or FAILED_PRECONDITION naming the model when it has no image encoder. */
  public ImagePipeline requireImage() {
    return image().orElseThrow(() -> ServingException.failedPrecondition(
        "model '" + name + "' version " + version + " has no image encoder"));
  }

  /** The text pipeline, or FAILED_PRECONDITION naming the model when it has no text encoder. */
  public TextPipeline requireText() {
    return text().orElseThrow(() -> ServingException.failedPrecondition(
        "model '" + name + "' version " + version + " has no text encoder"));
  }

  public LabelEmbeddingCache labels() {
    return labels;
  }

  /** Takes a hold for a request; false when the version is already released. */
  public boolean retain() {
    int now;
    do {
      now = holders.get();
      if (now == 0) {
        return false;
      }
    } while (!holders.compareAndSet(now, now + 1));
    return true;
  }

  /**
   * Gives a request's hold back; the last one closes the resources on the closer executor (never
   * on the caller's thread, which may be a batch worker that closing waits for).
   */
  public void release() {
    if (holders.decrementAndGet() == 0) {
      closer.execute(this::close);
    }
  }

  /**
   * Drops the registry's hold: closes now if idle, else after the last request in flight, then
   * runs {@code whenClosed} on the closer executor.
   */
  void retire(Runnable whenClosed) {
    this.whenClosed = whenClosed;
    release();
  }

  /** Completes once the resources are closed (exceptionally when closing one failed). */
  public CompletableFuture<Void> closed() {
    return closed;
  }

  private void close() {
    try {
      resources.close();
      closed.complete(null);
    } catch (Exception e) {
      IllegalStateException failure =
          new IllegalStateException("closing " + name + " version " + version + " failed", e);
      closed.completeExceptionally(failure);
      throw failure;
    } finally {
      whenClosed.run();
    }
  }
}
