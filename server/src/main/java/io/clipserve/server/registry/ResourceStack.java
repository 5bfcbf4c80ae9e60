package io.clipserve.server.registry;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resources built one after another that must be closed in reverse order: all of them if building
 * fails half-way ({@link #close()}), or later by whoever takes them over ({@link #detach()}).
 * Confined to one thread.
 */
final class ResourceStack implements AutoCloseable {
  private Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** Adds a resource and returns it. */
  <T extends AutoCloseable> T push(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Hands every resource over as one closeable; this stack is empty afterwards. */
  AutoCloseable detach() {
    Deque<AutoCloseable> taken = resources;
    resources = new ArrayDeque<>();
    return () -> closeAll(taken);
  }

  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    RuntimeException failure = null;
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = new IllegalStateException("closing a resource failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
