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
 *
 * <p>The pool is small on purpose (see {@code ServerSettings.getPreprocessThreads}: a wider one
 * costs CPU encoders throughput), so no decode may keep a pool thread for long: each stops at
 * {@code clipserve.limits.max-decode-millis} or as soon as its call is gone (deadline, cancel, a
 * failed sibling input), JPEGs with more than {@code clipserve.limits.max-jpeg-scans} scans are
 * refused before decoding, and each request enters the pool through its own {@link #lane()}, so
 * one request's images cannot queue ahead of everyone else's.
 */
public final class ImagePipeline {
  private final ImagePreprocessor preprocessor;
  private final DynamicBatcher batcher;
  private final Executor preprocessPool;
  /**
   * Images of one request in the decode pool at once, per pool thread: a request of a few images
   * goes in whole, as before lanes (strict round-robin raised small requests' latency: 2 clients
   * of 3 images on one thread, the first answer after 5 decodes instead of 3); a large one cannot
   * queue more than this ahead of the next request.
   */
  private static final int LANE_IMAGES_PER_THREAD = 4;

  private final int poolThreads;
  private final boolean outputNormalized;

  /** @param poolThreads the threads of {@code preprocessPool}, which set how wide a lane is */
  public ImagePipeline(ImagePreprocessor preprocessor, DynamicBatcher batcher, Executor preprocessPool,
      int poolThreads, boolean outputNormalized) {
    this.preprocessor = preprocessor;
    this.batcher = batcher;
    this.preprocessPool = preprocessPool;
    this.poolThreads = poolThreads;
    this.outputNormalized = outputNormalized;
  }

  public DynamicBatcher batcher() {
    return batcher;
  }

  /** Whether the encoder already L2-normalises its output. */
  public boolean outputNormalized() {
    return outputNormalized;
  }

  /** A new request's way onto the decode pool; pass it to every {@link #encode} of the request. */
  public Executor lane() {
    return new DecodeLane(preprocessPool, LANE_IMAGES_PER_THREAD * poolThreads);
  }

  /**
   * Encodes one image in a slot of {@code room}, which the caller closes once this future is done
   * (a failed image never takes its slot), decoding it through the request's {@code lane}. Fails
   * with {@link io.clipserve.server.preprocess.image.InvalidImageException} when the bytes are no
   * usable image or exceed a decode limit, or with the call's reason once it is gone.
   */
  public CompletableFuture<float[]> encode(byte[] image, Reservation room, CallScope scope,
      Executor lane) {
    return CompletableFuture.supplyAsync(() -> preprocess(image, scope), lane)
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
