package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.proto.v1.Backend;
import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.tensorrt.TrtBinding.Conversion;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.junit.jupiter.api.Test;

/** How config element types meet engine tensor types (plain Java enums: no natives needed). */
class TrtSignatureCheckTest {
  private static final InputSpec IDS64 = new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT64, 52);
  private static final InputSpec IDS32 = new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT32, 52);
  private static final InputSpec IMAGE = new InputSpec("image", InputRole.PIXELS, ElementType.FLOAT32, 3, 224, 224);
  private static final EncoderSpec SPEC = new EncoderSpec("m/1/text.plan", Path.of("text.plan"), Backend.TENSORRT,
      List.of(IDS64), "out", 4, 8, 1, 0);

  @Test
  void int64IdsNarrowIntoAnInt32EngineAsChineseClipsConversionDoes() throws Exception {
    assertThat(TrtSignatureCheck.inputConversion(SPEC, IDS64, DataType.kINT32)).isEqualTo(Conversion.INT64_TO_INT32);
  }

  @Test
  void matchingTypesAreCopied() throws Exception {
    assertThat(TrtSignatureCheck.inputConversion(SPEC, IDS64, DataType.kINT64)).isEqualTo(Conversion.COPY);
    assertThat(TrtSignatureCheck.inputConversion(SPEC, IDS32, DataType.kINT32)).isEqualTo(Conversion.COPY);
    assertThat(TrtSignatureCheck.inputConversion(SPEC, IMAGE, DataType.kFLOAT)).isEqualTo(Conversion.COPY);
  }

  @Test
  void otherCombinationsFailTheLoadClearly() {
    assertThatThrownBy(() -> TrtSignatureCheck.inputConversion(SPEC, IDS32, DataType.kINT64))
        .isInstanceOf(EncoderException.class)
        .hasMessage("m/1/text.plan: input 'text' is kINT64 in the engine but the config makes it INT32"
            + " (set input_type: INT64)");
    assertThatThrownBy(() -> TrtSignatureCheck.inputConversion(SPEC, IMAGE, DataType.kHALF))
        .isInstanceOf(EncoderException.class)
        .hasMessage("m/1/text.plan: input 'image' is kHALF in the engine but the config makes it FLOAT32");
  }
}
