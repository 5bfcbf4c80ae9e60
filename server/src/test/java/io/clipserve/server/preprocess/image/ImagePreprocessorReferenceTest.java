package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clipserve.server.preprocess.image.ReferenceImages.Decoded;
import io.clipserve.server.preprocess.image.ReferenceImages.Resized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoded and resized pixels against Pillow/torchvision (tools/reference_images.py), for the
 * shared photos and synthetic PNG, BMP, GIF and JPEG inputs in every mode Pillow opens them in,
 * both resize modes, 224 and 336, resized in that mode and then converted to RGB as the
 * reference pipelines do.
 * Lossless formats must decode exactly, and wherever the decoded pixels equal Pillow's the
 * resized ones must too. Only a JPEG may decode differently (another libjpeg than Pillow's);
 * then the resized pixels may differ by one level, only in rows fed by differing decoded rows.
 */
class ImagePreprocessorReferenceTest {

  static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
  private static final Map<String, Decoded> DECODED = ReferenceImages.decoded();
  private static final ImageDecoder DECODER =
      new ImageDecoder(DecodeLimits.DEFAULT.withMaxPixels(Long.MAX_VALUE));

  static List<String> inputs() {
    return List.copyOf(DECODED.keySet());
  }

  static List<Resized> resizedCases() {
    return ReferenceImages.resized();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void decodesAsPillow(String name) {
    Decoded reference = DECODED.get(name);
    ModeImage opened = DECODER.decode(ReferenceImages.input(name), StopCheck.NEVER);
    RgbImage decoded = opened.toRgb();

    assertThat(opened.mode().pillowName()).as("the mode Pillow opens it in")
        .isEqualTo(reference.mode());
    assertThat(decoded.width()).isEqualTo(reference.width());
    assertThat(decoded.height()).isEqualTo(reference.height());
    if (ReferenceImages.sha256(decoded).equals(reference.sha256())) {
      return;
    }
    int rows = count(ReferenceImages.differingRows(decoded, reference));
    System.out.printf("%s: decoded pixels differ from Pillow's in %d of %d rows%n",
        name, rows, decoded.height());
    assertThat(isJpeg(name)).as("only JPEG decoding may differ from Pillow's").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resizedCases")
  void resizesAsPillow(Resized reference) {
    byte[] input = ReferenceImages.input(reference.name());
    ImagePreprocessor preprocessor = new ImagePreprocessor(
        new ImageSpec(reference.size(), reference.resize(), MEAN, STD, DecodeLimits.DEFAULT));
    RgbImage resized = preprocessor.resized(input);
    RgbImage decoded = DECODER.decode(input, StopCheck.NEVER).toRgb();
    Decoded decodedReference = DECODED.get(reference.name());

    if (ReferenceImages.sha256(decoded).equals(decodedReference.sha256())) {
      assertThat(ReferenceImages.sha256(resized)).as("identical input, so identical output")
          .isEqualTo(reference.sha256());
      return;
    }
    assertThat(isJpeg(reference.name())).as("only JPEG decoding may differ").isTrue();
    assumeTrue(!reference.png().equals("-"),
        "this JDK decodes the JPEG differently from Pillow; only the squash 224 PNG references"
            + " measure the effect");
    boolean[] differingRows = ReferenceImages.differingRows(decoded, decodedReference);
    RgbImage expected = ReferenceImages.expectedPng(reference.png());
    int size = reference.size();
    ResampleCoefficients rows = decoded.height() == size
        ? null : ResampleCoefficients.of(decoded.height(), size, 0, size);
    int differing = 0;
    for (int y = 0; y < size; y++) {
      int first = rows == null ? y : rows.first()[y];
      int count = rows == null ? 1 : rows.count()[y];
      boolean fedByDifferingRow = false;
      for (int r = first; r < first + count; r++) {
        fedByDifferingRow |= differingRows[r];
      }
      for (int i = 3 * size * y; i < 3 * size * (y + 1); i++) {
        int diff = Math.abs((resized.pixels()[i] & 0xff) - (expected.pixels()[i] & 0xff));
        if (diff > 0) {
          differing++;
          assertThat(diff).as("difference at byte %d", i).isLessThanOrEqualTo(1);
          assertThat(fedByDifferingRow).as("row %d differs but its inputs do not", y).isTrue();
        }
      }
    }
    System.out.printf("%s: %d of %d resized samples differ by one level%n",
        reference, differing, 3 * size * size);
  }

  private static boolean isJpeg(String name) {
    return name.endsWith(".jpg") || name.endsWith(".jpeg");
  }

  private static int count(boolean[] flags) {
    int n = 0;
    for (boolean flag : flags) {
      n += flag ? 1 : 0;
    }
    return n;
  }
}
