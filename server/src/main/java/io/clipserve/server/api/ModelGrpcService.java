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
import io.clipserve.server.registry.ModelRegistry;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code clipserve.v1.ModelService}. Loading and unloading run on a dedicated thread, never on
 * the gRPC threads that serve inference.
 */
@Singleton
public final class ModelGrpcService extends ModelServiceGrpc.ModelServiceImplBase {
  private final ModelRegistry registry;
  private final ExecutorService management = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "model-management");
    thread.setDaemon(true);
    return thread;
  });

  public ModelGrpcService(ModelRegistry registry) {
    this.registry = registry;
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
    UnaryCalls.answer(observer, () -> CompletableFuture.supplyAsync(() -> registry.load(request.getName()),
        management));
  }

  @Override
  public void unloadModel(UnloadModelRequest request, StreamObserver<UnloadModelResponse> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.supplyAsync(() -> {
      registry.unload(request.getName());
      return UnloadModelResponse.newBuilder().setName(request.getName()).build();
    }, management));
  }

  @Override
  public void getStatistics(GetStatisticsRequest request, StreamObserver<GetStatisticsResponse> observer) {
    UnaryCalls.answer(observer, () -> CompletableFuture.completedFuture(
        StatisticsReport.of(registry.readyVersions(), request.getName(), request.getVersion())));
  }
}
