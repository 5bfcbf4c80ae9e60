package io.clipserve.server.preprocess.image;

/** The bytes are not an image clipserve can decode, or the image is over the pixel limit. */
public final class InvalidImageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidImageException(String message) {
    super(message);
  }

  public InvalidImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
