package io.clipserve.server.backend.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.EncoderContractTest;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.GpuOptions;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend contract on ONNX Runtime (CPU), plus what only an ONNX file can get wrong. */
class OrtEncoderContractTest extends EncoderContractTest {
  private static final OrtEncoderProvider PROVIDER = new OrtEncoderProvider();
  private static final List<InputSpec> TEXT = List.of(new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT64, 52));

  @Override
  protected EncoderProvider provider() {
    return PROVIDER;
  }

  @Override
  protected Path encoderFile(Path modelDir, String encoder) {
    return modelDir.resolve("1").resolve(encoder + ".onnx");
  }

  @Test
  void aFileThatIsNoModelFailsTheLoad(@TempDir Path dir) throws Exception {
    Path bogus = Files.writeString(dir.resolve("text.onnx"), "not a model");
    var spec = new EncoderSpec("m/1/text.onnx", bogus, PROVIDER.backend(), TEXT, "out", 4, 1, 1, 0);
    assertThatThrownBy(() -> PROVIDER.load(spec)).isInstanceOf(EncoderException.class)
        .hasMessageContaining("m/1/text.onnx: ONNX Runtime cannot load it");
  }

  @Test
  void theCudaProviderFailsTheLoadSayingWhatToInstallWhereOnnxRuntimeLacksIt() {
    Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
        "this ONNX Runtime has the CUDA execution provider");
    var spec = new EncoderSpec("m/1/text.onnx", encoderFile(DYNAMIC, "text"), PROVIDER.backend(), TEXT,
        "unnorm_text_features", 64, 8, List.of(), 1, 0, new GpuOptions(true, 0, false));
    assertThatThrownBy(() -> PROVIDER.load(spec)).isInstanceOf(EncoderException.class)
        .hasMessageContaining("m/1/text.onnx: execution_provider CUDA is unavailable")
        .hasMessageContaining("onnxruntime_gpu").hasMessageContaining("CUDA 12");
  }
}
