package io.clipserve.client.testing;

import com.google.protobuf.Timestamp;
import io.clipserve.proto.v1.EncoderStatistics;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.UnloadModelResponse;
import io.clipserve.proto.v1.EncoderBatchLimits;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ModelService over a fixed list: {@code alpha} (v1 READY with a text encoder file of fixed batch
 * 1 under max_batch_size 64, v2 LOADING) and {@code beta} (v1
 * FAILED). Load answers the model with every version READY; unload records the name; statistics
 * echo the requested name and version. Unknown names fail NOT_FOUND. Thread-safe.
 */
public final class StaticModelService extends ModelServiceGrpc.ModelServiceImplBase {

  public static final Timestamp SINCE = Timestamp.newBuilder().setSeconds(1_700_000_000L).build();
  public static final String BETA_REASON = "image.onnx: not an ONNX model";

  private final List<ModelInfo> models = List.of(
      model("alpha", version(1, VersionInfo.State.READY, "").toBuilder()
          .setTextBatch(EncoderBatchLimits.newBuilder().setConfiguredMaxBatchSize(64)
              .setFileMaxBatchSize(1).setEffectiveMaxBatchSize(1))
          .build(),
          version(2, VersionInfo.State.LOADING, "")),
      model("beta", version(1, VersionInfo.State.FAILED, BETA_REASON)));
  private final List<String> unloaded = new CopyOnWriteArrayList<>();

  /** The names unload was asked for, in order. */
  public List<String> unloaded() {
    return unloaded;
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
    respond(response, ListModelsResponse.newBuilder().addAllModels(models).build());
  }

  @Override
  public void getModel(GetModelRequest request, StreamObserver<ModelInfo> response) {
    find(request.getName(), response).ifPresent(model -> respond(response, model));
  }

  @Override
  public void loadModel(LoadModelRequest request, StreamObserver<ModelInfo> response) {
    find(request.getName(), response).ifPresent(model -> {
      ModelInfo.Builder loaded = model.toBuilder();
      loaded.getVersionsBuilderList()
          .forEach(v -> v.setState(VersionInfo.State.READY).setReason(""));
      respond(response, loaded.build());
    });
  }

  @Override
  public void unloadModel(UnloadModelRequest request,
      StreamObserver<UnloadModelResponse> response) {
    find(request.getName(), response).ifPresent(model -> {
      unloaded.add(model.getName());
      respond(response, UnloadModelResponse.newBuilder().setName(model.getName()).build());
    });
  }

  @Override
  public void getStatistics(GetStatisticsRequest request,
      StreamObserver<GetStatisticsResponse> response) {
    respond(response, GetStatisticsResponse.newBuilder().addModels(ModelStatistics.newBuilder()
        .setName(request.getName()).setVersion(request.getVersion())
        .addEncoders(EncoderStatistics.newBuilder().setEncoder("text").setRequests(3).setItems(5)))
        .build());
  }

  private Optional<ModelInfo> find(String name, StreamObserver<?> response) {
    Optional<ModelInfo> model = models.stream().filter(m -> m.getName().equals(name)).findFirst();
    if (model.isEmpty()) {
      response.onError(Status.NOT_FOUND.withDescription("model '" + name + "' not found")
          .asRuntimeException());
    }
    return model;
  }

  private static ModelInfo model(String name, VersionInfo... versions) {
    return ModelInfo.newBuilder().setName(name)
        .setConfig(ModelConfig.newBuilder().setName(name).setFamily(ModelConfig.Family.CHINESE_CLIP)
            .setEmbeddingDim(512).setLogitScale(100f))
        .addAllVersions(List.of(versions)).build();
  }

  private static VersionInfo version(long number, VersionInfo.State state, String reason) {
    return VersionInfo.newBuilder().setVersion(number).setState(state).setReason(reason)
        .setSince(SINCE).build();
  }

  private static <T> void respond(StreamObserver<T> response, T answer) {
    response.onNext(answer);
    response.onCompleted();
  }
}
