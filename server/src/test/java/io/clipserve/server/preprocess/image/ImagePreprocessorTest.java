package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/** The tensor ImagePreprocessor writes: layout, normalisation, buffers, threads, GIF frames. */
class ImagePreprocessorTest {

  private static final float[] MEAN = ImagePreprocessorReferenceTest.MEAN;
  private static final float[] STD = ImagePreprocessorReferenceTest.STD;

  @Test
  void normalisesEachLevelToTorchvisionsFloat() {
    int[] levels = {0, 1, 12, 99, 128, 200, 254, 255};
    byte[] pixels = new byte[3 * levels.length];
    for (int i = 0; i < levels.length; i++) {
      pixels[3 * i] = (byte) levels[i];
      pixels[3 * i + 1] = (byte) (255 - levels[i]);
      pixels[3 * i + 2] = (byte) (levels[i] * 7 % 256);
    }
    FloatBuffer out = FloatBuffer.allocate(pixels.length);

    new TensorWriter(MEAN, STD).write(new RgbImage(levels.length, 1, pixels), out);

    // torchvision 0.14: Normalize(CLIP mean, std)(ToTensor()(image)), as float32 bits
    int[][] torchvision = {
        {0xbfe568dc, 0xbfe38a7f, 0xbfcefc86, 0xbeb1ac62,
         0x3d9c5620, 0x3f904f64, 0x3ff536e5, 0x3ff71541},
        {0x4004cae5, 0x4003d502, 0x3ff2887f, 0x3f16d03a,
         0x3e1d9531, 0xbf6d3a3c, 0xbfde58f1, 0xbfe044b8},
        {0xbfbd77d8, 0xbfb0ba1a, 0xbe924bc1, 0x3f8bfb7c,
         0x3eae0dc4, 0x3e679dde, 0x3ffb033d, 0x4003e07d}};
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < levels.length; i++) {
        assertThat(Float.floatToRawIntBits(out.get(c * levels.length + i)))
            .as("channel %d level index %d", c, i).isEqualTo(torchvision[c][i]);
      }
    }
  }

  @Test
  void writesChannelMajorAtTheBufferPositionOfADirectSlice() {
    ImagePreprocessor preprocessor = preprocessor(4, ImageSpec.Resize.SQUASH);
    int length = preprocessor.spec().tensorLength();
    FloatBuffer batch = ByteBuffer.allocateDirect(4 * 3 * length).order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    batch.position(length);
    FloatBuffer slot = batch.slice();

    preprocessor.preprocess(ReferenceImages.input("tiny_1x1.png"), slot); // one pixel (12, 200, 99)

    assertThat(slot.position()).isEqualTo(length);
    int[] rgb = {12, 200, 99};
    for (int c = 0; c < 3; c++) {
      float expected = ((float) rgb[c] / 255f - MEAN[c]) / STD[c];
      for (int i = 0; i < 16; i++) {
        assertThat(batch.get(length + c * 16 + i)).isEqualTo(expected);
      }
    }
    for (int i = 0; i < length; i++) {
      assertThat(batch.get(i)).as("the slot before is untouched").isZero();
      assertThat(batch.get(2 * length + i)).as("the slot after is untouched").isZero();
    }
  }

  @Test
  void writesIntoAHeapBufferAndAdvancesIt() {
    ImagePreprocessor preprocessor = preprocessor(224, ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP);
    FloatBuffer heap = FloatBuffer.allocate(preprocessor.spec().tensorLength() + 5);
    heap.position(5);

    preprocessor.preprocess(ReferenceImages.input("pokemon.jpeg"), heap);

    assertThat(heap.position()).isEqualTo(5 + preprocessor.spec().tensorLength());
  }

  @Test
  void refusesABufferWithoutRoomForOneImage() {
    ImagePreprocessor preprocessor = preprocessor(224, ImageSpec.Resize.SQUASH);
    FloatBuffer small = FloatBuffer.allocate(preprocessor.spec().tensorLength() - 1);

    assertThatThrownBy(() -> preprocessor.preprocess(ReferenceImages.input("pokemon.jpeg"), small))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(InvalidImageException.class)
        .hasMessageContaining("one image needs");
    assertThat(small.position()).isZero();
  }

  @Test
  void oneInstanceGivesEveryThreadTheSingleThreadedResult() throws Exception {
    ImagePreprocessor preprocessor = preprocessor(224, ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP);
    List<byte[]> images = new ArrayList<>();
    try (Stream<Path> files = Files.list(ReferenceImages.testdata().resolve("images"))) {
      for (Path file : files.sorted().toList()) {
        images.add(Files.readAllBytes(file));
      }
    }
    List<float[]> expected = new ArrayList<>();
    for (byte[] image : images) {
      expected.add(tensor(preprocessor, image));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> runs = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int offset = thread;
        runs.add(pool.submit(() -> {
          boolean same = true;
          for (int i = 0; i < 2 * images.size(); i++) {
            int k = (i + offset) % images.size();
            same &= Arrays.equals(tensor(preprocessor, images.get(k)), expected.get(k));
          }
          return same;
        }));
      }
      for (Future<Boolean> run : runs) {
        assertThat(run.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void decodesTheFirstFrameOfAnAnimatedGif() throws Exception {
    byte[] gif = ReferenceImages.input("animated_60x40.gif");
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    reader.setInput(new ByteArrayImageInputStream(gif));
    assertThat(reader.getNumImages(true)).as("the input is animated").isEqualTo(2);
    RgbImage second = ImageIoSamples.of(reader.read(1), PillowMode.P).toRgb();

    RgbImage decoded = new ImageDecoder(DecodeLimits.DEFAULT.withMaxPixels(Long.MAX_VALUE))
        .decode(gif, StopCheck.NEVER).toRgb();

    assertThat(ReferenceImages.sha256(decoded))
        .isEqualTo(ReferenceImages.decoded().get("animated_60x40.gif").sha256())
        .isNotEqualTo(ReferenceImages.sha256(second));
  }

  private static float[] tensor(ImagePreprocessor preprocessor, byte[] image) {
    FloatBuffer out = FloatBuffer.allocate(preprocessor.spec().tensorLength());
    preprocessor.preprocess(image, out);
    return out.array();
  }

  private static ImagePreprocessor preprocessor(int size, ImageSpec.Resize resize) {
    return new ImagePreprocessor(new ImageSpec(size, resize, MEAN, STD, DecodeLimits.DEFAULT));
  }
}
