package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resize sizes and crop offsets against torchvision 0.14's own arithmetic. */
class ResizePlanTest {

  private static final float[] ZERO = {0, 0, 0};
  private static final float[] ONE = {1, 1, 1};

  // width, height -> torchvision Resize(224) size and CenterCrop(224) offsets
  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({
      "640, 480, 298, 224, 37, 0",
      "480, 640, 224, 298, 0, 37",
      "225, 1000, 224, 995, 0, 386",
      "227, 300, 224, 296, 0, 36",
      "1000, 3, 74666, 224, 37221, 0",
      "3, 700, 224, 52266, 0, 26021",
      "300, 300, 224, 224, 0, 0",
      "631, 640, 224, 227, 0, 2", // round(1.5) = 2
      "225, 224, 225, 224, 0, 0", // round(0.5) = 0: half to even
      "226, 224, 226, 224, 1, 0",
  })
  void shorterSideThenCentreCropAsTorchvision(
      int width, int height, int resizedWidth, int resizedHeight, int left, int top) {
    ResizePlan plan = ResizePlan.of(
        new ImageSpec(224, ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP, ZERO, ONE,
            DecodeLimits.DEFAULT), width, height);

    assertThat(plan).isEqualTo(new ResizePlan(resizedWidth, resizedHeight, left, top, 224));
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"640, 480", "3, 700", "336, 336"})
  void squashGoesStraightToTheSquare(int width, int height) {
    ResizePlan plan =
        ResizePlan.of(new ImageSpec(336, ImageSpec.Resize.SQUASH, ZERO, ONE,
            DecodeLimits.DEFAULT), width, height);

    assertThat(plan).isEqualTo(new ResizePlan(336, 336, 0, 0, 336));
  }
}
