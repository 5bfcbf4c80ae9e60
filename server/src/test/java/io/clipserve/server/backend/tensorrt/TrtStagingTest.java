package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.InputTensors;
import io.clipserve.server.backend.tensorrt.TrtBinding.Conversion;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host side of a run, on ordinary direct buffers standing in for pinned memory. */
class TrtStagingTest {
  private final TrtStaging staging = new TrtStaging("m/1/text.plan");

  private static ByteBuffer pinned(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  @Test
  void int64IdsAreNarrowedIntoTheEnginesInt32Tensor() throws Exception {
    InputTensors tensors = new InputTensors(List.of(new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT64, 3)), 4);
    tensors.putIds(InputRole.INPUT_IDS, 0, new long[] {101, 7, 102});
    tensors.putIds(InputRole.INPUT_IDS, 1, new long[] {101, 8, 102});
    TrtBinding binding = new TrtBinding("text", false, 3, 4, Conversion.INT64_TO_INT32);
    ByteBuffer pinned = pinned((int) binding.engineBytes(4));
    staging.stageInput(binding, tensors.buffer(binding.name()), pinned, 2);
    int[] staged = new int[6];
    pinned.asIntBuffer().get(staged);
    assertThat(staged).containsExactly(101, 7, 102, 101, 8, 102);
  }

  @Test
  void anIdBeyondInt32FailsTheRunNamingTheEncoder() {
    InputTensors tensors = new InputTensors(List.of(new InputSpec("text", InputRole.INPUT_IDS, ElementType.INT64, 2)), 1);
    tensors.putIds(InputRole.INPUT_IDS, 0, new long[] {101, 1L << 40});
    TrtBinding binding = new TrtBinding("text", false, 2, 4, Conversion.INT64_TO_INT32);
    assertThatThrownBy(() -> staging.stageInput(binding, tensors.buffer(binding.name()), pinned(8), 1))
        .isInstanceOf(EncoderException.class)
        .hasMessageStartingWith("m/1/text.plan: input 'text' element 1 is 1099511627776");
  }

  @Test
  void sameTypeInputsAreCopiedForTheBatchOnly() throws Exception {
    InputTensors tensors = new InputTensors(List.of(new InputSpec("image", InputRole.PIXELS, ElementType.FLOAT32, 2)), 3);
    tensors.floatRow(InputRole.PIXELS, 0).put(new float[] {1, 2});
    tensors.floatRow(InputRole.PIXELS, 1).put(new float[] {3, 4});
    tensors.floatRow(InputRole.PIXELS, 2).put(new float[] {5, 6});
    TrtBinding binding = new TrtBinding("image", false, 2, 4, Conversion.COPY);
    ByteBuffer pinned = pinned(24);
    staging.stageInput(binding, tensors.buffer(binding.name()), pinned, 2);
    float[] staged = new float[6];
    pinned.asFloatBuffer().get(staged);
    assertThat(staged).containsExactly(1, 2, 3, 4, 0, 0);
  }

  @Test
  void fp16OutputsAreReadAsFloat32() {
    TrtBinding output = new TrtBinding("unnorm_text_features", true, 2, 2, Conversion.HALF_TO_FLOAT);
    ByteBuffer pinned = pinned(8);
    pinned.asShortBuffer().put(new short[] {0x3c00, (short) 0xc000, 0x3800, 0x0000});
    assertThat(staging.readOutput(output, pinned, 2)).containsExactly(1.0f, -2.0f, 0.5f, 0.0f);
  }

  @Test
  void fp32OutputsAreReadAsTheyAre() {
    TrtBinding output = new TrtBinding("out", true, 2, 4, Conversion.COPY);
    ByteBuffer pinned = pinned(16);
    pinned.asFloatBuffer().put(new float[] {0.25f, -1.5f, 9f, 7f});
    assertThat(staging.readOutput(output, pinned, 1)).containsExactly(0.25f, -1.5f);
  }

  @Test
  void anOutputShapeThatDisagreesWithTheBatchFailsTheRun() throws Exception {
    TrtBinding output = new TrtBinding("out", true, 64, 4, Conversion.COPY);
    staging.checkOutputShape(output, new long[] {3, 64}, 3);
    assertThatThrownBy(() -> staging.checkOutputShape(output, new long[] {1, 64}, 3))
        .isInstanceOf(EncoderException.class)
        .hasMessage("m/1/text.plan: output 'out' has shape [1, 64] for a batch of 3, expected [3, 64]");
  }
}
