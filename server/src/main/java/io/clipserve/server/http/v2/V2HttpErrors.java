package io.clipserve.server.http.v2;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clipserve.server.ServingException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure as the v2 REST protocol answers it: an HTTP status and {@code {"error": message}},
 * the message as gRPC would send it. Stateless.
 */
final class V2HttpErrors {
  private static final Logger LOG = LoggerFactory.getLogger(V2HttpErrors.class);

  private V2HttpErrors() {}

  static HttpResponse<String> response(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    HttpStatus status;
    String message;
    if (cause instanceof ServingException serving) {
      status = status(serving.reason());
      message = serving.getMessage();
    } else {
      LOG.error("v2 request failed unexpectedly", cause);
      status = HttpStatus.INTERNAL_SERVER_ERROR;
      message = "internal error: " + cause;
    }
    return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON)
        .body(JsonNodeFactory.instance.objectNode().put("error", message).toString());
  }

  /** The HTTP statuses of the error table in docs/kserve-v2.md. */
  static HttpStatus status(ServingException.Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE, CANCELLED -> HttpStatus.SERVICE_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
      case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
