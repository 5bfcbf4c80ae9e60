package io.clipserve.server.http;

import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;

import io.clipserve.server.http.openai.OpenAiErrors;
import io.clipserve.server.http.rest.RestCalls;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A body over {@code clipserve.http.max-request-bytes} (Micronaut's request size limit is set from
 * it): 413 naming the setting, as an OpenAI error under {@code /v1/}, else as a REST error.
 * Stateless; any thread.
 */
@Singleton
@Produces
@Replaces(ContentLengthExceededHandler.class)
public class RequestTooLarge
    implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
  private final long limit;

  public RequestTooLarge(ServerSettings settings) {
    this.limit = settings.getHttp().getMaxRequestBytes();
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
    long length = request.getContentLength();
    String message = "the request body is " + (length >= 0 ? length + " bytes" : "larger")
        + "; limit clipserve.http.max-request-bytes = " + limit;
    if (request.getPath().startsWith("/v1/")) {
      return OpenAiErrors.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode(), message, null,
          "request_too_large");
    }
    return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
        .body(RestCalls.errorBody("RESOURCE_EXHAUSTED", message));
  }
}
