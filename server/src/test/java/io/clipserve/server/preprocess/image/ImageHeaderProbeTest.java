package io.clipserve.server.preprocess.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Header sizes of every reference input equal the size Pillow decodes. */
class ImageHeaderProbeTest {

  static List<String> inputs() {
    return List.copyOf(ReferenceImages.decoded().keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void readsFormatAndPillowsSize(String name) {
    ReferenceImages.Decoded reference = ReferenceImages.decoded().get(name);
    ImageHeader header = ImageHeaderProbe.probe(ReferenceImages.input(reference.name()));

    String extension = reference.name().substring(reference.name().lastIndexOf('.') + 1);
    assertThat(header.format().name().toLowerCase(Locale.ROOT))
        .isEqualTo(extension.equals("jpg") || extension.equals("jpeg") ? "jpeg" : extension);
    assertThat(header.width()).isEqualTo(reference.width());
    assertThat(header.height()).isEqualTo(reference.height());
  }
}
