package io.clipserve.server.pipeline;

import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.DynamicBatcher;
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
   * Encodes one image whose room the caller has {@link DynamicBatcher#admit admitted}. Fails with
   * {@link io.clipserve.server.preprocess.image.InvalidImageException} when the bytes are no usable image.
   */
  public CompletableFuture<float[]> encode(byte[] image, CallScope scope) {
    return CompletableFuture.supplyAsync(() -> preprocess(image, scope), preprocessPool)
        .thenCompose(pixels -> batcher.submit(
            (tensors, row) -> tensors.floatRow(0, row).put(pixels), scope));
  }

  private float[] preprocess(byte[] image, CallScope scope) {
    float[] pixels = new float[preprocessor.spec().tensorLength()];
    try {
      // A call that is already gone is not worth decoding for.
      ServingException abandoned = scope.abandoned();
      if (abandoned != null) {
        throw abandoned;
      }
      preprocessor.preprocess(image, FloatBuffer.wrap(pixels));
      return pixels;
    } catch (RuntimeException e) {
      batcher.giveBack(1);
      throw e;
    }
  }
}
