package io.clipserve.server.http.v2;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clipserve.server.api.GrpcErrors;
import io.grpc.Status;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

/**
 * A failure as the v2 REST protocol answers it: the HTTP status of the project's one error table
 * ({@link GrpcErrors#httpStatus}) and {@code {"error": message}}, the message as gRPC would send
 * it. Stateless.
 */
final class V2HttpErrors {

  private V2HttpErrors() {}

  static HttpResponse<String> response(Throwable error) {
    Status status = GrpcErrors.toStatus(error);
    String message = status.getDescription() == null ? "" : status.getDescription();
    return HttpResponse.<String>status(GrpcErrors.httpStatus(status.getCode()),
            status.getCode().name())
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonNodeFactory.instance.objectNode().put("error", message).toString());
  }
}
