package io.clipserve.server.repository;

import java.io.IOException;

/** A repository path that resolves (through a symlink) outside the repository; never read. */
public final class OutsideRepositoryException extends IOException {
  private static final long serialVersionUID = 1L;

  public OutsideRepositoryException(String message) {
    super(message);
  }
}
