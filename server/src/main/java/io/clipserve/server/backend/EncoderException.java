package io.clipserve.server.backend;

/** An encoder could not be loaded or could not run; the message says which and why. */
public final class EncoderException extends Exception {
  private static final long serialVersionUID = 1L;

  public EncoderException(String message) {
    super(message);
  }

  public EncoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
