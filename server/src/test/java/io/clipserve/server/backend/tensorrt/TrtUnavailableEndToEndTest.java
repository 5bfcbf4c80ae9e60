package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository with a TENSORRT model and an ONNX model, on a host where TensorRT cannot run: the
 * server starts, the TensorRT model is FAILED with a reason that says what to install, and the
 * ONNX model serves.
 */
class TrtUnavailableEndToEndTest {
  private static final String TRT = "trt-tiny";
  private static final String ONNX = "onnx-tiny";

  @Test
  void theTensorRtModelFailsWithAnActionableReasonWhileTheOnnxModelServes(@TempDir Path dir) throws Exception {
    Assumptions.assumeFalse(TrtAvailability.probe().available(), "TensorRT runs here; TrtEncoderContractTest covers it");
    new TestRepository(dir)
        .addTiny(TRT, config -> config.replace("backend: ONNXRUNTIME", "backend: TENSORRT"))
        .addTiny(ONNX, config -> config);
    // A model fails on purpose: health "" is SERVING only with strict readiness off
    // (StrictReadinessTest covers the default).
    try (TestServer server = TestServer.start(dir, Map.of("clipserve.strict-readiness", false))) {
      ModelInfo trt = ModelServiceGrpc.newBlockingStub(server.channel())
          .getModel(GetModelRequest.newBuilder().setName(TRT).build());
      assertThat(trt.getVersionsList()).hasSize(1);
      VersionInfo version = trt.getVersions(0);
      assertThat(version.getState()).isEqualTo(VersionInfo.State.FAILED);
      assertThat(version.getReason())
          .contains(TRT + "/1/image.onnx: TensorRT backend unavailable: ")
          .containsPattern("(lib\\S+\\.so[.\\d]* not found|no CUDA device) \\(.*(install|nvidia-smi)");

      var embed = EmbeddingServiceGrpc.newBlockingStub(server.channel());
      var response = embed.embed(request(ONNX));
      assertThat(response.getEmbeddingsList()).hasSize(1);
      StatusRuntimeException refused = catchThrowableOfType(() -> embed.embed(request(TRT)),
          StatusRuntimeException.class);
      assertThat(refused.getStatus().getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.NOT_FOUND);

      var health = HealthGrpc.newBlockingStub(server.channel());
      assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
      assertThat(health.check(service(ONNX)).getStatus()).isEqualTo(ServingStatus.SERVING);
      assertThat(health.check(service(TRT)).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    }
  }

  private static EmbedRequest request(String model) {
    return EmbedRequest.newBuilder().setModel(model).addInputs(Input.newBuilder().setText("皮卡丘")).build();
  }

  private static HealthCheckRequest service(String model) {
    return HealthCheckRequest.newBuilder().setService(model).build();
  }
}
