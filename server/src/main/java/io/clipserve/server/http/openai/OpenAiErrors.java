package io.clipserve.server.http.openai;

import io.clipserve.server.api.GrpcErrors;
import io.grpc.Status;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Failures in OpenAI's error shape, {@code {"error": {"message", "type", "param", "code"}}}, with
 * the HTTP status of the one failure table. {@code type} is {@code invalid_request_error} for a
 * 4xx and {@code server_error} for a 5xx; {@code code} is the gRPC code in lower case, or
 * {@code model_not_found} for an unknown model. Stateless.
 */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  /** A failure in OpenAI's shape, with the status of the one failure table. */
  static HttpResponse<?> of(Throwable failure) {
    Status status = GrpcErrors.toStatus(failure);
    boolean noModel = status.getCode() == Status.Code.NOT_FOUND;
    return response(GrpcErrors.httpStatus(status.getCode()),
        status.getDescription() == null ? "" : status.getDescription(), noModel ? "model" : null,
        noModel ? "model_not_found" : status.getCode().name().toLowerCase(Locale.ROOT));
  }

  public static HttpResponse<?> response(int httpStatus, String message, String param,
      String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", httpStatus < 500 ? "invalid_request_error" : "server_error");
    error.put("param", param);
    error.put("code", code);
    return HttpResponse.status(httpStatus, code).contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(Map.of("error", error));
  }
}
