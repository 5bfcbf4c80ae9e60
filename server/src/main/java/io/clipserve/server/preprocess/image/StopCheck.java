package io.clipserve.server.preprocess.image;

/**
 * Asked by a decode between rows and scans whether its caller still wants the result (deadline,
 * cancellation). Called on the decoding thread; implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface StopCheck {

  /** For callers that never give up (tests, benchmarks). */
  StopCheck NEVER = () -> null;

  /** Why the decode must stop, thrown as is by the decode; null while it may go on. */
  RuntimeException reason();
}
