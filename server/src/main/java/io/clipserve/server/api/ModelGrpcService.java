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
import io.clipserve.server.service.ModelCalls;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** {@code clipserve.v1.ModelService}: adapts gRPC calls to {@link ModelCalls}. */
@Singleton
public final class ModelGrpcService extends ModelServiceGrpc.ModelServiceImplBase {
  private final ModelCalls calls;

  public ModelGrpcService(ModelCalls calls) {
    this.calls = calls;
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> observer) {
    UnaryCalls.answer(observer, () -> calls.list(request));
  }

  @Override
  public void getModel(GetModelRequest request, StreamObserver<ModelInfo> observer) {
    UnaryCalls.answer(observer, () -> calls.get(request));
  }

  @Override
  public void loadModel(LoadModelRequest request, StreamObserver<ModelInfo> observer) {
    UnaryCalls.answer(observer, () -> calls.load(request));
  }

  @Override
  public void unloadModel(UnloadModelRequest request, StreamObserver<UnloadModelResponse> observer) {
    UnaryCalls.answer(observer, () -> calls.unload(request));
  }

  @Override
  public void getStatistics(GetStatisticsRequest request, StreamObserver<GetStatisticsResponse> observer) {
    UnaryCalls.answer(observer, () -> calls.statistics(request));
  }
}
