package io.clipserve.server;

import io.grpc.Status;

/**
 * A request cannot be served, for a reason the caller should see: the gRPC status code it maps to
 * and a message naming what is wrong (the model, the version, the input index).
 */
public final class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;

  public ServingException(Status.Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }

  /** The status a gRPC call fails with. */
  public Status toStatus() {
    return Status.fromCode(code).withDescription(getMessage());
  }

  public static ServingException invalidArgument(String message) {
    return new ServingException(Status.Code.INVALID_ARGUMENT, message);
  }

  public static ServingException notFound(String message) {
    return new ServingException(Status.Code.NOT_FOUND, message);
  }

  public static ServingException unavailable(String message) {
    return new ServingException(Status.Code.UNAVAILABLE, message);
  }

  public static ServingException failedPrecondition(String message) {
    return new ServingException(Status.Code.FAILED_PRECONDITION, message);
  }

  public static ServingException resourceExhausted(String message) {
    return new ServingException(Status.Code.RESOURCE_EXHAUSTED, message);
  }
}
