package io.clipserve.server.service;

import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.UnloadModelResponse;
import io.clipserve.server.registry.ModelManager;
import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.ModelWorkers;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The ModelService calls. Loading and unloading run on the {@link ModelWorkers}, never on the
 * transport threads that serve inference; their futures complete when they are done.
 * Thread-safe.
 */
@Singleton
public final class ModelCalls {
  private final ModelRegistry registry;
  private final ModelManager manager;
  private final Executor management;

  public ModelCalls(ModelRegistry registry, ModelManager manager, ModelWorkers workers) {
    this.registry = registry;
    this.manager = manager;
    this.management = workers.executor();
  }

  public CompletableFuture<ListModelsResponse> list(ListModelsRequest request) {
    return CompletableFuture.completedFuture(
        ListModelsResponse.newBuilder().addAllModels(registry.list()).build());
  }

  public CompletableFuture<ModelInfo> get(GetModelRequest request) {
    return CompletableFuture.completedFuture(registry.info(request.getName()));
  }

  public CompletableFuture<ModelInfo> load(LoadModelRequest request) {
    return CompletableFuture.supplyAsync(
        () -> manager.load(request.getName(), request.getVersion()), management);
  }

  public CompletableFuture<UnloadModelResponse> unload(UnloadModelRequest request) {
    return CompletableFuture.supplyAsync(() -> {
      manager.unload(request.getName(), request.getVersion());
      return UnloadModelResponse.newBuilder().setName(request.getName()).build();
    }, management);
  }

  public CompletableFuture<GetStatisticsResponse> statistics(GetStatisticsRequest request) {
    return CompletableFuture.completedFuture(
        StatisticsReport.of(registry.readyVersions(), request.getName(), request.getVersion()));
  }
}
