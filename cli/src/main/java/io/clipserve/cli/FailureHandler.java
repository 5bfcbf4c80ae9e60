package io.clipserve.cli;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr and the exit code: 64 + the gRPC status code
 * for a failed call (so CANCELLED and UNKNOWN are not mistaken for 1 and 2), 1 for anything else.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  /** Added to the status code, as grpcurl does. */
  static final int STATUS_EXIT_OFFSET = 64;
  /** A failure on this side: an unreadable file, a bug. */
  static final int LOCAL_FAILURE = 1;

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    if (failure instanceof StatusRuntimeException || failure instanceof StatusException) {
      Status status = Status.fromThrowable(failure);
      command.getErr().println("error: " + describe(status));
      return STATUS_EXIT_OFFSET + status.getCode().value();
    }
    if (failure instanceof UncheckedIOException io) {
      command.getErr().println("error: " + io.getMessage());
    } else {
      command.getErr().println("error: " + failure);
    }
    return LOCAL_FAILURE;
  }

  private static String describe(Status status) {
    StringBuilder text = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      text.append(": ").append(status.getDescription());
    }
    Throwable cause = status.getCause();
    if (cause != null) {
      // The channel's own failures (connection refused, ...) say why only in the cause.
      text.append(" (").append(cause.getMessage() != null ? cause.getMessage() : cause).append(')');
    }
    return text.toString();
  }
}
