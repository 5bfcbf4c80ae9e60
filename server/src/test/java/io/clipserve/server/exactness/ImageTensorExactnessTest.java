package io.clipserve.server.exactness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.preprocess.image.ReferenceImages;
import io.clipserve.server.preprocess.image.ReferenceImages.Resized;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tensor that reached the image encoder, read back through the identity probes over the real
 * server, equals torchvision's bit for bit, for every reference input of
 * tools/reference_images.py (the shared photos and synthetic PNG, BMP, GIF and JPEG inputs in
 * every mode Pillow opens them in), eight to a request so that they share batches. ToTensor and
 * Normalize are element-wise, so torchvision's tensor is Pillow's resized pixels looked up in
 * levels.tsv (torchvision's own output for every level): each float the probe returns must be one
 * of those values bit for bit, and the pixels it stands for must be Pillow's (resized.tsv).
 */
class ImageTensorExactnessTest {

  private static final int PER_REQUEST = 8;
  @TempDir
  static Path repository;
  static ProbeServer server;
  /** Per channel: float32 bits of torchvision's normalised level, to the level. */
  static final List<Map<Integer, Integer>> LEVELS = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = new ProbeServer(repository,
        List.of("probe-squash-224", "probe-crop-224", "probe-crop-336"));
    int[][] levels = ReferenceImages.normalizedLevels();
    for (int[] channel : levels) {
      Map<Integer, Integer> byBits = new HashMap<>();
      for (int v = 0; v < 256; v++) {
        byBits.put(channel[v], v);
      }
      assertThat(byBits).as("distinct values per level").hasSize(256);
      LEVELS.add(byBits);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"probe-squash-224, squash, 224", "probe-crop-224, crop, 224",
      "probe-crop-336, crop, 336"})
  void tensorsEqualTorchvisionsBitForBit(String probe, String mode, int size) {
    List<Resized> cases = ReferenceImages.resized().stream()
        .filter(r -> r.mode().equals(mode) && r.size() == size).toList();
    assertThat(cases).hasSizeGreaterThan(50);
    for (int from = 0; from < cases.size(); from += PER_REQUEST) {
      List<Resized> chunk = cases.subList(from, Math.min(from + PER_REQUEST, cases.size()));
      List<Input> inputs = chunk.stream()
          .map(r -> ProbeServer.image(r.name(), ReferenceImages.input(r.name()))).toList();
      EmbedResponse response = server.embedRaw(probe, inputs);
      for (int i = 0; i < chunk.size(); i++) {
        Resized reference = chunk.get(i);
        byte[] pixels = pixelsOf(response.getEmbeddings(i), size, reference);
        assertThat(ReferenceImages.sha256(pixels)).as("Pillow's pixels for %s", reference)
            .isEqualTo(reference.sha256());
      }
    }
  }

  /**
   * The uint8 pixels (rows of R, G, B, as Pillow holds them) whose torchvision tensor is exactly
   * the channel-major {@code embedding}; fails on any value that is no level's.
   */
  private static byte[] pixelsOf(Embedding embedding, int size, Resized reference) {
    int plane = size * size;
    assertThat(embedding.getValuesCount()).as("%s tensor length", reference).isEqualTo(3 * plane);
    byte[] pixels = new byte[3 * plane];
    for (int c = 0; c < 3; c++) {
      Map<Integer, Integer> levels = LEVELS.get(c);
      for (int i = 0; i < plane; i++) {
        float value = embedding.getValues(c * plane + i);
        Integer level = levels.get(Float.floatToRawIntBits(value));
        if (level == null) {
          fail("%s: channel %d pixel %d is %s, which torchvision gives no uint8 level",
              reference, c, i, value);
        }
        pixels[3 * i + c] = (byte) (int) level;
      }
    }
    return pixels;
  }
}
