package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clipserve.server.preprocess.text.ftfy.TextFixer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every text of reference/tokens/open_clip.json (written by tools/reference_open_clip.py with
 * ftfy and open_clip themselves) gives, in Java, what {@code ftfy.fix_text}, open_clip's cleaning
 * and open_clip's {@code SimpleTokenizer} gave in Python: the fixed text, the cleaned text and the
 * 77 token ids.
 */
class OpenClipReferenceTest {

  private static final long END_OF_TEXT_ID = 49407;

  @TestFactory
  Stream<DynamicTest> javaEqualsFtfyAndOpenClip() throws IOException {
    JsonObject reference = TestFiles.json("reference/tokens/open_clip.json");
    int contextLength = reference.get("context_length").getAsInt();
    TextTokenizer tokenizer = TextTokenizers.load(new TokenizerSpec(
        TokenizerSpec.Kind.OPENAI_CLIP_BPE, TestFiles.openClipBpe(), false, contextLength, 0));
    TextFixer fixer = new TextFixer();
    OpenClipTextCleaner cleaner = new OpenClipTextCleaner();
    assertThat(reference.getAsJsonArray("cases").size()).isGreaterThanOrEqualTo(300);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : reference.getAsJsonArray("cases")) {
      JsonObject expected = element.getAsJsonObject();
      String text = expected.get("text").getAsString();
      tests.add(DynamicTest.dynamicTest(expected.get("name").getAsString(), () -> {
        assertThat(fixer.fixText(text)).isEqualTo(expected.get("fixed").getAsString());
        assertThat(cleaner.clean(text)).isEqualTo(expected.get("cleaned").getAsString());
        long[] ids = longs(expected);
        TokenizedText actual = tokenizer.tokenize(text);
        assertThat(actual.ids()).isEqualTo(ids);
        int used = ids.length; // the ids end at the last <end_of_text>; a typed one may come first
        while (ids[used - 1] != END_OF_TEXT_ID) {
          used--;
        }
        assertThat(actual.tokens()).hasSize(used);
        assertThat(actual.tokens().get(used - 1)).isEqualTo("<end_of_text>");
      }));
    }
    return tests.stream();
  }

  private static long[] longs(JsonObject expected) {
    List<Long> values = new ArrayList<>();
    expected.getAsJsonArray("ids").forEach(e -> values.add(e.getAsLong()));
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
