package io.clipserve.server.registry;

import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.server.ServingException;
import io.clipserve.server.pipeline.ImagePipeline;
import io.clipserve.server.pipeline.LabelEmbeddingCache;
import io.clipserve.server.pipeline.TextPipeline;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version ready to serve: its config and pipelines. Reference-counted: requests
 * {@link #retain()} it and {@link #release()} it when answered; once {@link #retire retired}, its
 * resources (batchers, encoders, tokenizer) are closed after the last release. Thread-safe.
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

  private void close() {
    try {
      resources.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + name + " version " + version + " failed", e);
    } finally {
      whenClosed.run();
    }
  }
}
