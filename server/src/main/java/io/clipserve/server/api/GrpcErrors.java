package io.clipserve.server.api;

import io.clipserve.server.ServingException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps a failure to the status a client sees. Stateless. */
final class GrpcErrors {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static Status toStatus(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ServingException serving) {
      return serving.toStatus();
    }
    if (cause instanceof io.grpc.StatusRuntimeException sre) {
      return sre.getStatus();
    }
    LOG.error("request failed unexpectedly", cause);
    return Status.INTERNAL.withDescription("internal error: " + cause).withCause(cause);
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
