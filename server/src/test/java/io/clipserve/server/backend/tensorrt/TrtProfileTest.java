package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.backend.EncoderException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrtProfileTest {

  @Test
  void buildProfileRunsFromOneToMaxBatchTunedForTheLargestPreferredSize() {
    assertThat(TrtProfile.forBuild(32, List.of(8, 16, 32))).isEqualTo(new TrtProfile(1, 32, 32));
    assertThat(TrtProfile.forBuild(32, List.of(8, 16, 64))).isEqualTo(new TrtProfile(1, 16, 32));
  }

  @Test
  void withoutAFittingPreferredSizeTheOptimumIsHalfTheMaximum() {
    assertThat(TrtProfile.forBuild(32, List.of())).isEqualTo(new TrtProfile(1, 16, 32));
    assertThat(TrtProfile.forBuild(3, List.of(8))).isEqualTo(new TrtProfile(1, 1, 3));
  }

  @Test
  void maxBatchZeroOrOneBuildsABatchOneProfile() {
    assertThat(TrtProfile.forBuild(0, List.of(8, 16))).isEqualTo(new TrtProfile(1, 1, 1));
    assertThat(TrtProfile.forBuild(1, List.of(8, 16))).isEqualTo(new TrtProfile(1, 1, 1));
  }

  @Test
  void batchesAreSplitAtTheSmallerOfConfigAndProfileMaximum() throws Exception {
    TrtProfile engine = TrtProfile.ofEngine("m/1/image.plan", "image", 1, 8, 16);
    assertThat(engine.maxBatchSize(32)).isEqualTo(16);
    assertThat(engine.maxBatchSize(8)).isEqualTo(8);
    assertThat(engine.maxBatchSize(0)).isEqualTo(1);
  }

  @Test
  void aFixedBatchEngineTakesOneItemPerRun() throws Exception {
    TrtProfile fixed = TrtProfile.ofEngine("m/1/image.plan", "image", 1, 1, 1);
    assertThat(fixed.maxBatchSize(32)).isEqualTo(1);
  }

  @Test
  void anEngineThatCannotRunBatchesOfOneIsRefusedWithAdvice() {
    assertThatThrownBy(() -> TrtProfile.ofEngine("m/1/image.plan", "image", 4, 16, 32))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("m/1/image.plan: the engine's input 'image' takes batches of 4 to 32 only")
        .hasMessageContaining("--minShapes=image:1x");
  }

  @Test
  void tagNamesTheRange() {
    assertThat(new TrtProfile(1, 16, 32).tag()).isEqualTo("b1-16-32");
  }
}
