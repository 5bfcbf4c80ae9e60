package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of tools/texts/tokenizer_cases.json tokenized by the Java port equals the output of
 * tools/reference_tokens.py (Chinese-CLIP's Python tokenizer) over the real vocabulary.
 */
class ChineseClipReferenceTest {

  @TestFactory
  Stream<DynamicTest> lowerCasedAsChineseClipRunsIt() throws IOException {
    return cases("reference/tokens/chinese_clip.json");
  }

  @TestFactory
  Stream<DynamicTest> casedCodePath() throws IOException {
    return cases("reference/tokens/chinese_clip_cased.json");
  }

  private static Stream<DynamicTest> cases(String resource) throws IOException {
    JsonObject reference = TestFiles.json(resource);
    int contextLength = reference.get("context_length").getAsInt();
    TokenizerSpec spec = new TokenizerSpec(TokenizerSpec.Kind.BERT_WORDPIECE,
        TestFiles.chineseClipVocab(), reference.get("lowercase").getAsBoolean(), contextLength, 0);
    TextTokenizer tokenizer = TextTokenizers.load(spec);
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : reference.getAsJsonArray("cases")) {
      JsonObject expected = element.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(expected.get("name").getAsString(), () -> {
        TokenizedText actual = tokenizer.tokenize(expected.get("text").getAsString());
        List<String> tokens = strings(expected.getAsJsonArray("tokens"));
        assertThat(actual.tokens()).isEqualTo(tokens);
        assertThat(actual.ids()).isEqualTo(longs(expected.getAsJsonArray("ids")));
        assertThat(actual.truncated()).isEqualTo(expected.get("truncated").getAsBoolean());
        assertThat(actual.attentionMask()).hasSize(contextLength);
        for (int i = 0; i < contextLength; i++) {
          assertThat(actual.attentionMask()[i]).isEqualTo(i < tokens.size() ? 1L : 0L);
        }
      }));
    }
    return tests.stream();
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private static long[] longs(JsonArray array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsLong();
    }
    return out;
  }
}
