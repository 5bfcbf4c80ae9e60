package io.clipserve.server.http.rest;

import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.server.service.ModelCalls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.concurrent.CompletableFuture;

/**
 * The ModelService over REST: {@code GET /api/v1/models}, {@code /models/{name}},
 * {@code POST /models/{name}/load} and {@code /unload} (version: {@code ?version=N}, 0 or absent
 * as in the proto; the admin role when tokens are on, see {@code http.BearerTokenFilter}), and
 * {@code GET /api/v1/statistics} ({@code ?name=&version=}).
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelController {
  private final ModelCalls calls;
  private final RestCalls rest;

  public ModelController(ModelCalls calls, RestCalls rest) {
    this.calls = calls;
    this.rest = rest;
  }

  @Get("/models")
  public CompletableFuture<HttpResponse<?>> list() {
    return rest.answer(() -> calls.list(ListModelsRequest.getDefaultInstance()));
  }

  @Get("/models/{name}")
  public CompletableFuture<HttpResponse<?>> get(@PathVariable String name) {
    return rest.answer(() -> calls.get(GetModelRequest.newBuilder().setName(name).build()));
  }

  @Post("/models/{name}/load")
  public CompletableFuture<HttpResponse<?>> load(@PathVariable String name,
      @Nullable @QueryValue Long version) {
    return rest.answer(() -> calls.load(LoadModelRequest.newBuilder().setName(name)
        .setVersion(version == null ? 0 : version).build()));
  }

  @Post("/models/{name}/unload")
  public CompletableFuture<HttpResponse<?>> unload(@PathVariable String name,
      @Nullable @QueryValue Long version) {
    return rest.answer(() -> calls.unload(UnloadModelRequest.newBuilder().setName(name)
        .setVersion(version == null ? 0 : version).build()));
  }

  @Get("/statistics")
  public CompletableFuture<HttpResponse<?>> statistics(@Nullable @QueryValue String name,
      @Nullable @QueryValue Long version) {
    return rest.answer(() -> calls.statistics(GetStatisticsRequest.newBuilder()
        .setName(name == null ? "" : name).setVersion(version == null ? 0 : version).build()));
  }
}
