package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.EncoderContractTest;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract on TensorRT, with engines built at test time from the tiny ONNX fixtures
 * (copied to a temporary directory, where the engine cache goes). Needs a GPU with TensorRT 10 and
 * CUDA 13; skips everywhere else, saying what is missing.
 */
class TrtEncoderContractTest extends EncoderContractTest {
  private static final TrtEncoderProvider PROVIDER = new TrtEncoderProvider();

  @TempDir
  static Path engines;

  @BeforeEach
  void requireGpu() {
    TrtAvailability here = TrtAvailability.probe();
    Assumptions.assumeTrue(here.available(), () -> "no GPU: " + here.reason());
  }

  @Override
  protected EncoderProvider provider() {
    return PROVIDER;
  }

  @Override
  protected Path encoderFile(Path modelDir, String encoder) {
    Path source = modelDir.resolve("1").resolve(encoder + ".onnx");
    Path copy = engines.resolve(modelDir.getFileName() + "-" + encoder + ".onnx");
    try {
      if (!Files.exists(copy)) {
        Files.copy(source, copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  @Test
  void theBuiltEngineIsCachedAndAServedPlanLoadsDirectly() throws Exception {
    Path onnx = encoderFile(DYNAMIC, "text");
    EncoderSpec spec = spec(onnx);
    PROVIDER.load(spec).close();
    List<Path> plans;
    try (var files = Files.list(engines)) {
      plans = files.filter(f -> f.getFileName().toString().startsWith(onnx.getFileName().toString()
          .replace(".onnx", ".")) && f.toString().endsWith(".b1-8-8.plan")).toList();
    }
    assertThat(plans).hasSize(1);
    try (var encoder = PROVIDER.load(spec(plans.get(0)))) {
      assertThat(encoder.maxBatchSize()).isEqualTo(8);
    }
  }

  @Test
  void aFileThatIsNoEngineFailsTheLoad(@TempDir Path dir) throws Exception {
    Path bogus = Files.writeString(dir.resolve("text.plan"), "not an engine");
    assertThatThrownBy(() -> PROVIDER.load(spec(bogus))).isInstanceOf(EncoderException.class)
        .hasMessageContaining("TensorRT cannot deserialise this engine");
  }

  private static EncoderSpec spec(Path file) {
    return new EncoderSpec("m/1/" + file.getFileName(), file, PROVIDER.backend(),
        List.of(new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT64, 52)), "unnorm_text_features", 64, 8, 2, 0);
  }
}
