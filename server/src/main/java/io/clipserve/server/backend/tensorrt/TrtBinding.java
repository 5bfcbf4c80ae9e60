package io.clipserve.server.backend.tensorrt;

/**
 * How one engine tensor is fed or read: its name (also the caller input that fills it), whether it
 * is the output, elements per batch row, the engine's bytes per element, and the conversion
 * between the caller's elements and the engine's. Immutable.
 */
record TrtBinding(String name, boolean isOutput, int rowElements, int engineBytes,
    Conversion conversion) {

  /** What happens between the caller's buffer (or result) and the engine's tensor. */
  enum Conversion {
    /** Same element type: bytes copied as they are. */
    COPY,
    /** The caller's int64 ids into the engine's int32 tensor, checked. */
    INT64_TO_INT32,
    /** The engine's FP16 output widened to the caller's float32. */
    HALF_TO_FLOAT
  }

  /** Bytes of the engine-side tensor for {@code batch} rows. */
  long engineBytes(int batch) {
    return (long) batch * rowElements * engineBytes;
  }
}
