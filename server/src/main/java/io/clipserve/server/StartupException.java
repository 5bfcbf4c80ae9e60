package io.clipserve.server;

/**
 * The server cannot start, for a reason an operator can act on: the message is the one line the
 * launcher prints (naming the setting to change), without a stack trace.
 */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }

  public StartupException(String message) {
    super(message);
  }
}
