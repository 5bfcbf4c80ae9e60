package io.clipserve.server.http.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.oip.V2Inference;
import io.clipserve.server.oip.V2Models;
import io.clipserve.server.service.InputQuota;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The v2 REST endpoints. Health answers 200 when true and 400 when false, as the protocol says;
 * inference runs through {@link V2Inference} without a call scope (an HTTP client that goes
 * away does not cancel its queued items). Any thread.
 */
@Controller("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class V2Controller {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final V2Models models;
  private final V2Inference inference;

  public V2Controller(V2Models models, V2Inference inference) {
    this.models = models;
    this.inference = inference;
  }

  @Get
  public String server() {
    return V2Json.server(models.serverMetadata()).toString();
  }

  @Get("/health/live")
  public String live() {
    return "{\"live\":true}";
  }

  @Get("/health/ready")
  public HttpResponse<String> ready() {
    return flag("ready", models.serverReady());
  }

  @Get("/models/{model}")
  public HttpResponse<String> metadata(@PathVariable String model) {
    return answer(() -> HttpResponse.ok(V2Json.metadata(models.metadata(model, "")).toString()));
  }

  @Get("/models/{model}/ready")
  public HttpResponse<String> modelReady(@PathVariable String model) {
    return answer(() -> flag("ready", models.modelReady(model, "")));
  }

  @Post("/models/{model}/infer")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
  public CompletableFuture<HttpResponse<String>> infer(@PathVariable String model,
      @Body byte[] body) {
    CompletableFuture<HttpResponse<String>> answer;
    try {
      V2Inference.Prepared prepared = inference.prepare(V2Json.request(model, parse(body)));
      // As before: no connection quota, and a disconnect does not cancel (docs/kserve-v2.md).
      answer = inference.infer(prepared, CallScope.NONE, InputQuota.UNBOUNDED)
          .thenApply(response -> HttpResponse.ok(V2Json.response(response).toString()));
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.exceptionally(V2HttpErrors::response);
  }

  private static JsonNode parse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ServingException.invalidArgument("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ServingException.invalidArgument("the body cannot be read: " + e.getMessage());
    }
  }

  private static HttpResponse<String> flag(String name, boolean value) {
    String json = "{\"" + name + "\":" + value + "}";
    return value ? HttpResponse.ok(json)
        : HttpResponse.<String>status(HttpStatus.BAD_REQUEST).body(json);
  }

  private static HttpResponse<String> answer(Supplier<HttpResponse<String>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return V2HttpErrors.response(e);
    }
  }
}
