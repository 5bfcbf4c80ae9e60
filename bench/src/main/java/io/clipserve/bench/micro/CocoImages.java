package io.clipserve.bench.micro;

import io.clipserve.server.preprocess.image.DecodeLimits;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import io.clipserve.server.preprocess.image.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The COCO photos of the test data and the preprocessing the micro-benchmarks time. */
final class CocoImages {
  /** OpenAI CLIP's normalisation, as the bundled configs use it. */
  private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
  private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
  /** The server's default limit on decoded pixels. */

  private CocoImages() {}

  /** The {@code coco_*.jpg} files in {@code dir}, sorted by name. */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.getFileName().toString().matches("coco_.*\\.jpg")).sorted()
          .toList();
    }
  }

  /** The bytes of {@link #files}. */
  static List<byte[]> read(List<Path> files) throws IOException {
    List<byte[]> images = new ArrayList<>();
    for (Path file : files) {
      images.add(Files.readAllBytes(file));
    }
    return images;
  }

  /** JPEG to a normalised 224 x 224 tensor, SQUASH resize, CLIP's mean and std. */
  static ImagePreprocessor squash224() {
    return new ImagePreprocessor(
        new ImageSpec(224, ImageSpec.Resize.SQUASH, CLIP_MEAN, CLIP_STD, DecodeLimits.DEFAULT));
  }
}
