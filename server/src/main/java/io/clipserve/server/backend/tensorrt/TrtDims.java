package io.clipserve.server.backend.tensorrt;

import org.bytedeco.tensorrt.nvinfer.Dims64;

/**
 * Shapes between Java arrays and TensorRT's {@link Dims64}. A {@code Dims64} made here is
 * allocated by Java and owned by the caller, who closes it. Stateless and thread-safe.
 */
final class TrtDims {
  private TrtDims() {}

  static Dims64 of(long[] shape) {
    Dims64 dims = new Dims64();
    dims.nbDims(shape.length);
    for (int i = 0; i < shape.length; i++) {
      dims.d(i, shape[i]);
    }
    return dims;
  }

  static long[] toArray(Dims64 dims) {
    long[] shape = new long[dims.nbDims()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.d(i);
    }
    return shape;
  }
}
