package io.clipserve.server.preprocess.text.ftfy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Hostile and edge inputs of the ftfy port; what ftfy itself gives is checked over the corpus by
 * OpenClipReferenceTest and OpenClipLiveTest. Time limits here are generous bounds against
 * runaway work, not measurements.
 */
class TextFixerTest {
  private static final Duration BOUND = Duration.ofSeconds(120);
  private final TextFixer fixer = new TextFixer();

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacterAndAPairStaysOneCharacter() {
    assertThat(fixer.fixText("a\ud800b\udfffc")).isEqualTo("a\ufffdb\ufffdc");
    assertThat(fixer.fixText("x\ud83d\ude00y")).isEqualTo("x\ud83d\ude00y");
  }

  @Test
  void entitiesAreLeftAloneFromTheFirstLineWithALessThanSign() {
    assertThat(fixer.fixText("a &amp; b\nc < d &amp; e\nf &amp; g"))
        .isEqualTo("a & b\nc < d &amp; e\nf &amp; g");
  }

  @Test
  void megabytesOfMixedMojibakeFinishInBoundedTime() {
    String unit = "caf\u00c3\u00a9 \u00e2\u20ac\u0153q\u00e2\u20ac\u009d &amp;amp; \u0080\u009f ﬁ Ａ\n";
    String text = unit.repeat(2_000_000 / unit.length());
    String fixed = assertTimeoutPreemptively(BOUND, () -> fixer.fixText(text));
    // Lines are fixed one by one: the whole is the fixed line repeated.
    assertThat(fixed).isEqualTo(fixer.fixText(unit).repeat(text.length() / unit.length()));
    assertThat(fixer.fixText(unit)).isEqualTo("café \"q\" & \u20ac\u0178 fi A\n");
  }

  @Test
  void aLineLongerThanTheDecodeLimitIsFixedInPieces() {
    String text = "\u00c3\u00a9".repeat(600_000);
    String fixed = assertTimeoutPreemptively(BOUND, () -> fixer.fixText(text));
    assertThat(fixed).isEqualTo("é".repeat(600_000));
  }

  @Test
  void deeplyNestedEntitiesAndEncodingsStopAfterTheBoundedPasses() {
    String nested = "&" + "amp;".repeat(10_000) + "lt;";
    String fixed = assertTimeoutPreemptively(BOUND, () -> fixer.fixText(nested));
    assertThat(fixed).startsWith("&amp;").hasSizeLessThan(nested.length());
    String mojibake = "é";
    for (int i = 0; i < 12; i++) {
      mojibake = new String(mojibake.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    String deep = mojibake;
    assertThat(assertTimeoutPreemptively(BOUND, () -> fixer.fixText(deep))).isNotNull();
  }

  @Test
  void controlAndFormatCharactersAreDroppedAsFtfyDoes() {
    assertThat(fixer.fixText("\u0000a\u0007b\ufeffc\u206ad\ufff9e\u001b[31mf"))
        .isEqualTo("abcdef");
  }

  @Test
  void pythonHtmlUnescapeRepairsInvalidReferencesAsHtml5Says() {
    assertThat(PythonHtml.unescape("&#0;&#x80;&#xD800;&#x110000;&#1;&#65;&ampx&notit;&bogus;"))
        .isEqualTo("\ufffd\u20ac\ufffd\ufffdA&x\u00acit;&bogus;");
    assertThat(PythonHtml.unescape("&#" + "9".repeat(5000) + ";")).isEqualTo("\ufffd");
  }
}
