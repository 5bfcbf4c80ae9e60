package io.clipserve.server.api;

import io.clipserve.proto.oip.GRPCInferenceServiceGrpc;
import io.clipserve.proto.oip.ModelInferRequest;
import io.clipserve.proto.oip.ModelInferResponse;
import io.clipserve.proto.oip.ModelMetadataRequest;
import io.clipserve.proto.oip.ModelMetadataResponse;
import io.clipserve.proto.oip.ModelReadyRequest;
import io.clipserve.proto.oip.ModelReadyResponse;
import io.clipserve.proto.oip.ServerLiveRequest;
import io.clipserve.proto.oip.ServerLiveResponse;
import io.clipserve.proto.oip.ServerMetadataRequest;
import io.clipserve.proto.oip.ServerMetadataResponse;
import io.clipserve.proto.oip.ServerReadyRequest;
import io.clipserve.proto.oip.ServerReadyResponse;
import io.clipserve.server.oip.V2Inference;
import io.clipserve.server.oip.V2Models;
import io.clipserve.server.service.InputQuota;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService}, the KServe v2 / Open Inference Protocol: adapts gRPC
 * calls to {@link V2Models} and {@link V2Inference}. ModelInfer is admitted against its
 * connection's {@link ConnectionQuota} like Embed.
 */
@Singleton
public final class InferenceGrpcService
    extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  private final V2Models models;
  private final V2Inference inference;

  public InferenceGrpcService(V2Models models, V2Inference inference) {
    this.models = models;
    this.inference = inference;
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> observer) {
    answer(observer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request,
      StreamObserver<ServerReadyResponse> observer) {
    answer(observer, () -> ServerReadyResponse.newBuilder().setReady(models.serverReady()).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> observer) {
    answer(observer, () -> ModelReadyResponse.newBuilder()
        .setReady(models.modelReady(request.getName(), request.getVersion())).build());
  }

  @Override
  public void serverMetadata(ServerMetadataRequest request,
      StreamObserver<ServerMetadataResponse> observer) {
    answer(observer, models::serverMetadata);
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request,
      StreamObserver<ModelMetadataResponse> observer) {
    answer(observer, () -> models.metadata(request.getName(), request.getVersion()));
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> observer) {
    InputQuota quota = ConnectionQuota.current();
    UnaryCalls.answer(observer, () -> inference.infer(inference.prepare(request),
        GrpcCallScope.current(), quota));
  }

  private static <T> void answer(StreamObserver<T> observer, Supplier<T> value) {
    UnaryCalls.answer(observer, () -> CompletableFuture.completedFuture(value.get()));
  }
}
