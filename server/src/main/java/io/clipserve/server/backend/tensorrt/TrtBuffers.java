package io.clipserve.server.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaFreeHost;
import static org.bytedeco.cuda.global.cudart.cudaMalloc;
import static org.bytedeco.cuda.global.cudart.cudaMallocHost;

import io.clipserve.server.backend.EncoderException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One tensor's memory for one execution: a device buffer and a pinned (page-locked) host staging
 * buffer of the same size, enough for the profile's largest batch. Pinned memory lets
 * {@code cudaMemcpyAsync} run truly asynchronously and at full bus speed; callers' direct buffers are
 * copied into it (rather than registered with {@code cudaHostRegister}) because they belong to the
 * batch workers and the garbage collector, and because int64 ids are narrowed on the way anyway.
 * Owned by its {@link TrtExecution}; not thread-safe; {@link #close()} frees both buffers.
 */
final class TrtBuffers implements AutoCloseable {
  private final Pointer device = new Pointer();
  private final Pointer pinned = new Pointer();
  private final ByteBuffer host;

  TrtBuffers(String label, String tensor, long bytes) throws EncoderException {
    if (bytes > Integer.MAX_VALUE) {
      throw new EncoderException(label + ": tensor '" + tensor + "' needs " + bytes + " bytes at the largest batch;"
          + " lower max_batch_size");
    }
    try {
      TrtNatives.check(cudaMalloc(device, bytes), label, "cudaMalloc(" + bytes + ") for '" + tensor + "'");
      TrtNatives.check(cudaMallocHost(pinned, bytes), label, "cudaMallocHost(" + bytes + ") for '" + tensor + "'");
    } catch (EncoderException e) {
      close();
      throw e;
    }
    host = new BytePointer(pinned).capacity(bytes).asByteBuffer().order(ByteOrder.nativeOrder());
  }

  Pointer device() {
    return device;
  }

  Pointer pinned() {
    return pinned;
  }

  /** The pinned buffer as Java sees it, positioned at 0. */
  ByteBuffer host() {
    return host.clear();
  }

  @Override
  public void close() {
    // Errors here mean the context is already broken; there is nothing left to free differently.
    if (!device.isNull()) {
      cudaFree(device);
      device.setNull();
    }
    if (!pinned.isNull()) {
      cudaFreeHost(pinned);
      pinned.setNull();
    }
  }
}
