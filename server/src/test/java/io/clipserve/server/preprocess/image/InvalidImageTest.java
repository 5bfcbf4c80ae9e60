package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** What ImagePreprocessor refuses, and that it says why in terms a user can act on. */
class InvalidImageTest {

  private static final ImagePreprocessor PREPROCESSOR = new ImagePreprocessor(new ImageSpec(
      224, ImageSpec.Resize.SQUASH, ImagePreprocessorReferenceTest.MEAN,
      ImagePreprocessorReferenceTest.STD, DecodeLimits.DEFAULT));

  @Test
  void refusesAPngHeaderOverThePixelLimitAtOnceWithoutAllocatingPixels() {
    byte[] png = pngHeader(100_000, 100_000); // 10^10 pixels, and no pixel data at all
    assertThatThrownBy(() -> preprocess(png))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("100000x100000")
        .hasMessageContaining("pixels; limit clipserve.limits.max-image-pixels = 50000000");

    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    int refusals = 1000;
    for (int i = 0; i < refusals; i++) {
      assertThatThrownBy(() -> PREPROCESSOR.preprocess(png, FloatBuffer.allocate(0)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    long perRefusalNanos = (System.nanoTime() - start) / refusals;
    long perRefusalBytes = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / refusals;
    assertThat(perRefusalNanos).as("nanoseconds per refusal").isLessThan(1_000_000);
    assertThat(perRefusalBytes).as("bytes allocated per refusal").isLessThan(64 * 1024);
  }

  @Test
  void refusesAPngHeaderWhosePixelCountOverflowsALong() {
    byte[] png = pngHeader(0xFFFFFFFF, 0xFFFFFFFF);

    assertThatThrownBy(() -> preprocess(png)).isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("4294967295x4294967295")
        .hasMessageContaining("limit clipserve.limits.max-image-pixels");
  }

  @Test
  void refusesEveryFormatOverThePixelLimitFromItsHeader() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8,
        (byte) 0xEA, 0x60, (byte) 0xEA, 0x60, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
    byte[] gif = {'G', 'I', 'F', '8', '9', 'a', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        0, 0, 0, 0x2C, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};
    byte[] bmp = new byte[54];
    bmp[0] = 'B';
    bmp[1] = 'M';
    ByteBuffer.wrap(bmp).order(ByteOrder.LITTLE_ENDIAN).putInt(14, 40).putInt(18, 100_000)
        .putInt(22, -100_000);

    assertThatThrownBy(() -> preprocess(jpeg)).hasMessageContaining("60000x60000 = 3600000000");
    assertThatThrownBy(() -> preprocess(gif)).hasMessageContaining("65535x65535");
    assertThatThrownBy(() -> preprocess(bmp)).hasMessageContaining("100000x100000");
  }

  @Test
  void appliesTheLimitToTheDeclaredSizeInclusively() {
    byte[] pattern = ReferenceImages.input("pattern_640x480.png");
    ImageSpec atLimit = new ImageSpec(224, ImageSpec.Resize.SQUASH,
        ImagePreprocessorReferenceTest.MEAN, ImagePreprocessorReferenceTest.STD,
        DecodeLimits.DEFAULT.withMaxPixels(640 * 480));
    ImageSpec belowLimit = new ImageSpec(224, ImageSpec.Resize.SQUASH,
        ImagePreprocessorReferenceTest.MEAN, ImagePreprocessorReferenceTest.STD,
        DecodeLimits.DEFAULT.withMaxPixels(640 * 480 - 1));

    new ImagePreprocessor(atLimit).preprocess(pattern, FloatBuffer.allocate(3 * 224 * 224));
    assertThatThrownBy(() -> new ImagePreprocessor(belowLimit)
        .preprocess(pattern, FloatBuffer.allocate(3 * 224 * 224)))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining(
            "640x480 = 307200 pixels; limit clipserve.limits.max-image-pixels = 307199");
  }

  @Test
  void refusesEmptyAndNonImageBytes() {
    byte[] random = new byte[4096];
    new Random(42).nextBytes(random);
    random[0] = 0;

    assertThatThrownBy(() -> preprocess(new byte[0])).isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> preprocess("a caption, not an image".getBytes()))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("not a JPEG, PNG, BMP or GIF image");
    assertThatThrownBy(() -> preprocess(random)).isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("not a JPEG, PNG, BMP or GIF image");
  }

  @Test
  void refusesHeadersCutShort() {
    byte[] jpeg = ReferenceImages.input("baseline420_640x480.jpg");
    byte[] png = ReferenceImages.input("pattern_640x480.png");
    byte[] gif = ReferenceImages.input("animated_60x40.gif");

    assertThatThrownBy(() -> preprocess(Arrays.copyOf(jpeg, 2)))
        .hasMessageContaining("JPEG is truncated or corrupt");
    assertThatThrownBy(() -> preprocess(Arrays.copyOf(jpeg, 100)))
        .hasMessageContaining("JPEG is truncated or corrupt");
    assertThatThrownBy(() -> preprocess(Arrays.copyOf(png, 12)))
        .hasMessageContaining("PNG is truncated");
    assertThatThrownBy(() -> preprocess(Arrays.copyOf(gif, 10)))
        .hasMessageContaining("GIF is truncated");
    assertThatThrownBy(() -> preprocess(new byte[] {'B', 'M', 0}))
        .hasMessageContaining("BMP is truncated");
  }

  @Test
  void refusesImagesCutInTheirPixelData() {
    for (String name : new String[] {"baseline420_640x480.jpg", "progressive_640x480.jpg",
        "pattern_640x480.png", "rgb24_120x90.bmp"}) {
      byte[] image = ReferenceImages.input(name);
      for (double kept : new double[] {0.5, 0.99}) {
        byte[] cut = Arrays.copyOf(image, (int) (image.length * kept));
        assertThatThrownBy(() -> preprocess(cut)).as("%s cut to %.0f%%", name, 100 * kept)
            .isInstanceOf(InvalidImageException.class)
            .hasMessageContaining("truncated");
      }
    }
  }

  @Test
  void refusesAJpegWhoseScanIsNoise() {
    byte[] jpeg = ReferenceImages.input("baseline420_640x480.jpg");
    int scan = 2;
    while (!((jpeg[scan] & 0xff) == 0xFF && (jpeg[scan + 1] & 0xff) == 0xDA)) {
      scan++;
    }
    byte[] noisy = Arrays.copyOf(jpeg, scan + 20_000);
    Random random = new Random(7);
    for (int i = scan + 14; i < noisy.length; i++) {
      noisy[i] = (byte) random.nextInt(0xFF); // never 0xFF: no marker, no end of image
    }

    assertThatThrownBy(() -> preprocess(noisy)).isInstanceOf(InvalidImageException.class)
        .hasMessageContaining("JPEG");
  }

  private static void preprocess(byte[] image) {
    PREPROCESSOR.preprocess(image, FloatBuffer.allocate(3 * 224 * 224));
  }

  private static byte[] pngHeader(int width, int height) {
    ByteBuffer png = ByteBuffer.allocate(33);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    png.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height)
        .put(new byte[] {8, 2, 0, 0, 0});
    CRC32 crc = new CRC32();
    crc.update(png.array(), 12, 17);
    png.putInt((int) crc.getValue());
    return png.array();
  }
}
