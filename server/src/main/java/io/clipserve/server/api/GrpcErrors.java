package io.clipserve.server.api;

import io.clipserve.server.ServingException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure table: maps a failure to the gRPC status a client sees and that status to the
 * HTTP status the HTTP edges answer with, so both transports report a failure the same way.
 * Stateless.
 */
public final class GrpcErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  public static Status toStatus(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ServingException serving) {
      return Status.fromCode(code(serving.reason())).withDescription(serving.getMessage());
    }
    if (cause instanceof io.grpc.StatusRuntimeException sre) {
      return sre.getStatus();
    }
    if (cause instanceof OutOfMemoryError) {
      LOG.error("a request ran out of memory: {}", cause.toString());
      return Status.RESOURCE_EXHAUSTED.withDescription(
          "the server ran out of memory serving this request (" + cause.getMessage() + ")");
    }
    LOG.error("request failed unexpectedly", cause);
    return Status.INTERNAL.withDescription("internal error: " + cause).withCause(cause);
  }

  private static Status.Code code(ServingException.Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
      case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
      case DEADLINE_EXCEEDED -> Status.Code.DEADLINE_EXCEEDED;
      case CANCELLED -> Status.Code.CANCELLED;
      case INTERNAL -> Status.Code.INTERNAL;
    };
  }

  /**
   * The HTTP status of a gRPC code, as Google's HTTP mapping of google.rpc.Code has it (499:
   * the client closed the request).
   */
  public static int httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> 200;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, ABORTED -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
    };
  }

  /** The same failure as a google.rpc.Status, for a stream message's {@code error} field. */
  static com.google.rpc.Status toRpcStatus(Throwable error) {
    Status status = toStatus(error);
    return com.google.rpc.Status.newBuilder()
        .setCode(status.getCode().value())
        .setMessage(status.getDescription() == null ? "" : status.getDescription())
        .build();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
