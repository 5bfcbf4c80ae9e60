package io.clipserve.server.backend.onnx;

import io.clipserve.server.backend.EncoderContractTest;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backend contract on ONNX Runtime (CPU), plus what only an ONNX file can get wrong. */
class OrtEncoderContractTest extends EncoderContractTest {
  private static final OrtEncoderProvider PROVIDER = new OrtEncoderProvider();

  @Override
  protected EncoderProvider provider() {
    return PROVIDER;
  }

  @Override
  protected Path encoderFile(Path modelDir, String encoder) {
    return modelDir.resolve("1").resolve(encoder + ".onnx");
  }

  @Test
  void aFileThatIsNoModelFailsTheLoad(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path bogus = Files.writeString(dir.resolve("text.onnx"), "not a model");
    var spec = new io.clipserve.server.backend.EncoderSpec("m/1/text.onnx", bogus, PROVIDER.backend(),
        java.util.List.of(new io.clipserve.server.backend.InputSpec("text",
            io.clipserve.server.backend.ElementType.INT64, 52)), "out", 4, 1, 1, 0);
    assertThatThrownBy(() -> PROVIDER.load(spec)).isInstanceOf(EncoderException.class)
        .hasMessageContaining("m/1/text.onnx: ONNX Runtime cannot load it");
  }
}
