package io.clipserve.server.pipeline;

import io.clipserve.server.ServingException;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.batching.Reservation;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import java.nio.FloatBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Image bytes to raw image-encoder output: decoding and resizing on the shared preprocessing
 * pool, inference through the encoder's batcher. Thread-safe.
 */
public final class ImagePipeline {
  private final ImagePreprocessor preprocessor;
  private final DynamicBatcher batcher;
  private final Executor preprocessPool;
  private final boolean outputNormalized;

  public ImagePipeline(ImagePreprocessor preprocessor, DynamicBatcher batcher, Executor preprocessPool,
      boolean outputNormalized) {
    this.preprocessor = preprocessor;
    this.batcher = batcher;
    this.preprocessPool = preprocessPool;
    this.outputNormalized = outputNormalized;
  }

  public DynamicBatcher batcher() {
    return batcher;
  }

  /** Whether the encoder already L2-normalises its output. */
  public boolean outputNormalized() {
    return outputNormalized;
  }

  /**
   * Encodes one image in a slot of {@code room}, which the caller closes once this future is done
   * (a failed image never takes its slot). Fails with
   * {@link io.clipserve.server.preprocess.image.InvalidImageException} when the bytes are no usable
   * image.
   */
  public CompletableFuture<float[]> encode(byte[] image, Reservation room, CallScope scope) {
    return CompletableFuture.supplyAsync(() -> preprocess(image, scope), preprocessPool)
        .thenCompose(pixels -> batcher.submit(room,
            (tensors, row) -> tensors.floatRow(InputRole.PIXELS, row).put(pixels), scope));
  }

  private float[] preprocess(byte[] image, CallScope scope) {
    // A call that is already gone is not worth decoding for.
    ServingException abandoned = scope.abandoned();
    if (abandoned != null) {
      throw abandoned;
    }
    float[] pixels = new float[preprocessor.spec().tensorLength()];
    preprocessor.preprocess(image, FloatBuffer.wrap(pixels), scope::abandoned);
    return pixels;
  }
}
