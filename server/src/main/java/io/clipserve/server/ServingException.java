package io.clipserve.server;

/**
 * A request cannot be served, for a reason the caller should see: a {@link Reason} kind and a
 * message naming what is wrong (the model, the version, the input index, the limit). Only the
 * {@code api} package maps the kind to a transport status.
 */
public final class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request is refused or failed, independent of any transport. */
  public enum Reason {
    /** The request itself is malformed or names an unusable input. */
    INVALID_ARGUMENT,
    /** The named model or version does not exist. */
    NOT_FOUND,
    /** The model or version exists but cannot serve now (loading, failed, unloading). */
    UNAVAILABLE,
    /** The model cannot serve this kind of request (e.g. it has no text encoder). */
    FAILED_PRECONDITION,
    /** A limit is reached (e.g. a queue's capacity); the message names it. */
    RESOURCE_EXHAUSTED,
    /** The caller's deadline passed before the work ran. */
    DEADLINE_EXCEEDED,
    /** The caller cancelled the call. */
    CANCELLED,
    /** The server failed (e.g. the encoder threw). */
    INTERNAL
  }

  private final Reason reason;

  public ServingException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static ServingException invalidArgument(String message) {
    return new ServingException(Reason.INVALID_ARGUMENT, message);
  }

  public static ServingException notFound(String message) {
    return new ServingException(Reason.NOT_FOUND, message);
  }

  public static ServingException unavailable(String message) {
    return new ServingException(Reason.UNAVAILABLE, message);
  }

  public static ServingException failedPrecondition(String message) {
    return new ServingException(Reason.FAILED_PRECONDITION, message);
  }

  public static ServingException resourceExhausted(String message) {
    return new ServingException(Reason.RESOURCE_EXHAUSTED, message);
  }
}
