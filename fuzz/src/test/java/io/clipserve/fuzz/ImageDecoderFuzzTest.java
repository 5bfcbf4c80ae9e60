package io.clipserve.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clipserve.server.preprocess.image.DecodeLimits;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import io.clipserve.server.preprocess.image.ImageSpec;
import io.clipserve.server.preprocess.image.InvalidImageException;
import java.nio.FloatBuffer;

/**
 * Encoded image bytes, as a request carries them, through {@link ImagePreprocessor}: every
 * decoder (JPEG baseline and progressive, PNG, GIF, BMP), Pillow's modes and both resize
 * pipelines, with a pixel limit as the server sets one. The only documented failure is
 * {@link InvalidImageException}; a success fills exactly one tensor with finite values.
 */
class ImageDecoderFuzzTest {
  /** Small enough that a fuzzed header cannot make one input decode for seconds. */
  static final DecodeLimits LIMITS = DecodeLimits.DEFAULT.withMaxPixels(1_000_000);
  static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
  static final ImagePreprocessor SQUASH =
      new ImagePreprocessor(new ImageSpec(32, ImageSpec.Resize.SQUASH, MEAN, STD, LIMITS));
  static final ImagePreprocessor CROP = new ImagePreprocessor(
      new ImageSpec(24, ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP, MEAN, STD, LIMITS));

  @FuzzTest(maxDuration = "30s")
  void preprocess(byte[] encoded) {
    // The last byte's low bit picks the pipeline, so both see every image shape.
    ImagePreprocessor preprocessor =
        encoded.length > 0 && (encoded[encoded.length - 1] & 1) == 1 ? CROP : SQUASH;
    FloatBuffer tensor = FloatBuffer.allocate(preprocessor.spec().tensorLength());
    try {
      preprocessor.preprocess(encoded, tensor);
    } catch (InvalidImageException expected) {
      return;
    }
    assertThat(tensor.remaining()).isZero();
    for (int i = 0; i < tensor.capacity(); i++) {
      assertThat(Float.isFinite(tensor.get(i))).as("float %d is finite", i).isTrue();
    }
  }
}
