package io.clipserve.server.batching;

import io.clipserve.server.ServingException;

/**
 * The call a queued item belongs to, as the batcher sees it: may the item still run? Implementations
 * are read from worker threads and must be thread-safe.
 */
@FunctionalInterface
public interface CallScope {

  /** A scope that is never abandoned (in-process callers, benchmarks). */
  CallScope NONE = () -> null;

  /** Why the item must not run any more (deadline passed, call cancelled), or null if it may. */
  ServingException abandoned();
}
