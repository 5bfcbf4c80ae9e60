package io.clipserve.server.http.rest;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.server.http.HttpConnections;
import io.clipserve.server.service.EmbeddingCalls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/v1/embed}, {@code /similarity}, {@code /classify}, {@code /tokenize}: the
 * EmbeddingService's unary calls, with the request message as the JSON body.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EmbeddingController {
  private final EmbeddingCalls calls;
  private final HttpConnections connections;
  private final RestCalls rest;

  public EmbeddingController(EmbeddingCalls calls, HttpConnections connections, RestCalls rest) {
    this.calls = calls;
    this.connections = connections;
    this.rest = rest;
  }

  @Post("/embed")
  public CompletableFuture<HttpResponse<?>> embed(HttpRequest<?> http,
      @Nullable @Body String body) {
    return rest.answer(() -> calls.embed(RestCalls.parse(body, EmbedRequest.newBuilder()).build(),
        connections.scope(http), connections.quota(http)));
  }

  @Post("/similarity")
  public CompletableFuture<HttpResponse<?>> similarity(HttpRequest<?> http,
      @Nullable @Body String body) {
    return rest.answer(() -> calls.similarity(
        RestCalls.parse(body, SimilarityRequest.newBuilder()).build(), connections.scope(http),
        connections.quota(http)));
  }

  @Post("/classify")
  public CompletableFuture<HttpResponse<?>> classify(HttpRequest<?> http,
      @Nullable @Body String body) {
    return rest.answer(() -> calls.classify(
        RestCalls.parse(body, ClassifyRequest.newBuilder()).build(), connections.scope(http),
        connections.quota(http)));
  }

  @Post("/tokenize")
  public CompletableFuture<HttpResponse<?>> tokenize(@Nullable @Body String body) {
    return rest.answer(() -> calls.tokenize(
        RestCalls.parse(body, TokenizeRequest.newBuilder()).build()));
  }
}
