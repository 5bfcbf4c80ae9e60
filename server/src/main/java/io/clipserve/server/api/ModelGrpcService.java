package io.clipserve.server.api;

import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.UnloadModelResponse;
import io.clipserve.server.registry.ModelManager;
import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.registry.ModelWorkers;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code clipserve.v1.ModelService}. Loading and unloading run on the {@link ModelWorkers}, never
 * on the gRPC threads that serve inference; the call is answered when they are done.
 */
@Singleton
public final class ModelGrpcService extends ModelServiceGrpc.ModelServiceImplBase {
  private final ModelRegistry registry;
  private final ModelManager manager;
  private final Executor management;

  public ModelGrpcService(ModelRegistry registry, ModelManager manager, ModelWorkers workers) {
    this.registry = registry;
    this.manager = manager;
    this.management = workers.executor();
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.completedFuture(
        ListModelsResponse.newBuilder().addAllModels(registry.list()).build()));
  }

  @Override
  public void getModel(GetModelRequest request, StreamObserver<ModelInfo> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.completedFuture(registry.info(request.getName())));
  }

  @Override
  public void loadModel(LoadModelRequest request, StreamObserver<ModelInfo> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.supplyAsync(
        () -> manager.load(request.getName(), request.getVersion()), management));
  }

  @Override
  public void unloadModel(UnloadModelRequest request, StreamObserver<UnloadModelResponse> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.supplyAsync(() -> {
      manager.unload(request.getName(), request.getVersion());
      return UnloadModelResponse.newBuilder().setName(request.getName()).build();
    }, management));
  }

  @Override
  public void getStatistics(GetStatisticsRequest request, StreamObserver<GetStatisticsResponse> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.completedFuture(
        StatisticsReport.of(registry.readyVersions(), request.getName(), request.getVersion())));
  }
}
