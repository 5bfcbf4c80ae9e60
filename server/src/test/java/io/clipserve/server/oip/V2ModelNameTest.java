package io.clipserve.server.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.ServingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2ModelNameTest {

  @Test
  void v2NamesSplitAtTheirSuffix() {
    assertThat(V2ModelName.parse("a.b.image", "")).isEqualTo(new V2ModelName("a.b", true, 0));
    assertThat(V2ModelName.parse("m.text", "3")).isEqualTo(new V2ModelName("m", false, 3));
    assertThat(V2ModelName.parse("m.text", "3").v2Name()).isEqualTo("m.text");
    assertRefused(() -> V2ModelName.parse("m.images", ""),
        "v2 model 'm.images' does not exist; v2 models are named <model>.image and <model>.text");
    for (String version : List.of("0", "-1", "1.0", "99999999999999999999", " 1")) {
      assertRefused(() -> V2ModelName.parse("m.text", version), "v2 model 'm.text': version '"
          + version + "' is not a positive integer (or empty for the version policy's choice)");
    }
  }

  private static void assertRefused(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(ServingException.class).hasMessage(message);
  }
}
