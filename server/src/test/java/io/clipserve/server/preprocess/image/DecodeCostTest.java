package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.testing.ProgressiveJpegs;
import java.nio.FloatBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What decoding may cost: the scan count is refused before decoding, a decode stops at the
 * decode-time limit and when its caller gives up, each with the reason naming its limit.
 */
class DecodeCostTest {

  @Test
  void theGeneratedProgressiveJpegDecodesWhenWithinTheLimits() {
    for (int components : new int[] {1, 3}) {
      byte[] jpeg = ProgressiveJpegs.gray(64, 48, components, 5);
      assertThat(JpegScans.count(jpeg)).isEqualTo(6);
      preprocessor(DecodeLimits.DEFAULT).preprocess(jpeg, tensor());
    }
  }

  @Test
  void countsTheScansOfRealFiles() {
    assertThat(JpegScans.count(ReferenceImages.input("baseline420_640x480.jpg"))).isEqualTo(1);
    assertThat(JpegScans.count(ReferenceImages.input("progressive_640x480.jpg")))
        .isBetween(2, 20);
  }

  @Test
  void refusesTooManyScansBeforeDecoding() {
    byte[] attack = ProgressiveJpegs.gray(7000, 7000, 3, 1009);

    assertThatThrownBy(() -> preprocessor(DecodeLimits.DEFAULT).preprocess(attack, tensor()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessage("the image has 1010 scans (progressive JPEG);"
            + " limit clipserve.limits.max-jpeg-scans = 100");
  }

  @Test
  void stopsADecodeAtTheDecodeTimeLimit() {
    for (int components : new int[] {1, 3}) {
      // Unbounded, the JDK renders these 2000 x 2000 pixels 1,010 times: tens of seconds.
      byte[] slow = ProgressiveJpegs.gray(2000, 2000, components, 1009);
      DecodeLimits limits = DecodeLimits.DEFAULT.withMaxJpegScans(2000).withMaxDecodeMillis(100);
      long start = System.nanoTime();

      assertThatThrownBy(() -> preprocessor(limits).preprocess(slow, tensor()))
          .isInstanceOf(InvalidImageException.class)
          .hasMessageContaining("limit clipserve.limits.max-decode-millis = 100");
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf("%d-component decode refused after %d ms%n", components, millis);
      assertThat(millis).as("generous bound, far below the unbounded decode").isLessThan(10_000);
    }
  }

  @Test
  void stopsADecodeWhenItsCallerGivesUpAndThrowsTheCallersReason() {
    byte[] slow = ProgressiveJpegs.gray(2000, 2000, 3, 1009);
    RuntimeException cancelled = new IllegalStateException("the call was cancelled");
    AtomicInteger checks = new AtomicInteger();
    StopCheck stop = () -> checks.incrementAndGet() > 10 ? cancelled : null;
    DecodeLimits limits = DecodeLimits.DEFAULT.withMaxJpegScans(2000);

    assertThatThrownBy(() -> preprocessor(limits).preprocess(slow, tensor(), stop))
        .isSameAs(cancelled);
    assertThat(checks.get()).as("the decode stops at the first check that says stop")
        .isEqualTo(11);
  }

  private static ImagePreprocessor preprocessor(DecodeLimits limits) {
    return new ImagePreprocessor(new ImageSpec(224, ImageSpec.Resize.SQUASH,
        ImagePreprocessorReferenceTest.MEAN, ImagePreprocessorReferenceTest.STD, limits));
  }

  private static FloatBuffer tensor() {
    return FloatBuffer.allocate(3 * 224 * 224);
  }
}
