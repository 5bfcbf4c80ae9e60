package io.clipserve.server.exactness;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of a reference token file written by tools/reference_tokens.py (Chinese-CLIP's
 * Python tokenizer over tools/texts/tokenizer_cases.json).
 */
final class ReferenceTokens {

  /** One case: the text and what the reference tokenizer made of it. */
  record Case(String name, String text, long[] ids, List<String> tokens, boolean truncated) {

    @Override
    public String toString() {
      return name;
    }
  }

  private ReferenceTokens() {}

  /**
   * The cases of {@code reference/tokens/<file>} on the test classpath whose text a gRPC string
   * can carry: a text with an unpaired surrogate is not Unicode, so it has no UTF-8 form and
   * cannot be sent (the in-process tokenizer tests cover it).
   */
  static List<Case> sendable(String file) {
    return read(file).stream()
        .filter(c -> StandardCharsets.UTF_8.newEncoder().canEncode(c.text())).toList();
  }

  private static List<Case> read(String file) {
    String resource = "/reference/tokens/" + file;
    try (InputStream in = ReferenceTokens.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      List<Case> cases = new ArrayList<>();
      for (JsonElement element : root.getAsJsonArray("cases")) {
        JsonObject c = element.getAsJsonObject();
        long[] ids = new long[c.getAsJsonArray("ids").size()];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = c.getAsJsonArray("ids").get(i).getAsLong();
        }
        List<String> tokens = new ArrayList<>();
        c.getAsJsonArray("tokens").forEach(t -> tokens.add(t.getAsString()));
        cases.add(new Case(c.get("name").getAsString(), c.get("text").getAsString(), ids,
            tokens, c.get("truncated").getAsBoolean()));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
