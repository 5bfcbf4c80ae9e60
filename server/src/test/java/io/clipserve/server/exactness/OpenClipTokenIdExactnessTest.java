package io.clipserve.server.exactness;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.server.testing.TestRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OPENAI_CLIP_BPE model over the real server: the ids that reach the text encoder (read back
 * through the 77-token identity probe with an attention mask, here with open_clip's pad id 0) and
 * the ids Tokenize returns equal open_clip's for every text of reference/tokens/open_clip.json
 * that gRPC can carry, all in one request.
 */
class OpenClipTokenIdExactnessTest {
  private static final String MODEL = "open-clip-probe";
  @TempDir
  static Path repository;
  static ProbeServer server;
  static final List<String> TEXTS = new ArrayList<>();
  static final List<long[]> IDS = new ArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in = OpenClipTokenIdExactnessTest.class
        .getResourceAsStream("/reference/tokens/open_clip.json")) {
      JsonObject root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .getAsJsonObject();
      for (JsonElement element : root.getAsJsonArray("cases")) {
        JsonObject c = element.getAsJsonObject();
        String text = c.get("text").getAsString();
        if (StandardCharsets.UTF_8.newEncoder().canEncode(text)) { // no lone surrogates
          TEXTS.add(text);
          IDS.add(c.getAsJsonArray("ids").asList().stream().mapToLong(JsonElement::getAsLong)
              .toArray());
        }
      }
    }
    assertThat(TEXTS).hasSizeGreaterThan(350);
    TestRepository models = new TestRepository(repository).add(
        TestRepository.FIXTURES.resolve("probe-text-mask-77"), MODEL,
        c -> c.replace("kind: BERT_WORDPIECE", "kind: OPENAI_CLIP_BPE")
            .replace("file: \"vocab.txt\"", "file: \"bpe_simple_vocab_16e6.txt.gz\"")
            .replace("lowercase: true", "").replace("pad_id: 1", "pad_id: 0"));
    Files.copy(TestRepository.TESTDATA.resolve("vocab/bpe_simple_vocab_16e6.txt.gz"),
        models.dir().resolve(MODEL).resolve("bpe_simple_vocab_16e6.txt.gz"));
    server = new ProbeServer(models);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theEncoderIsFedOpenClipsIdsAndTheMask() {
    EmbedResponse response = server.embedRaw(MODEL, TEXTS.stream().map(ProbeServer::text).toList());
    for (int i = 0; i < TEXTS.size(); i++) {
      Embedding fed = response.getEmbeddings(i);
      long[] expected = IDS.get(i);
      assertThat(values(fed, 0)).as(TEXTS.get(i)).isEqualTo(expected);
      int used = expected.length;
      while (expected[used - 1] != 49407) {
        used--;
      }
      long[] mask = new long[77];
      Arrays.fill(mask, 0, used, 1L);
      assertThat(values(fed, 77)).as(TEXTS.get(i)).isEqualTo(mask);
    }
  }

  @Test
  void tokenizeReturnsOpenClipsIds() {
    TokenizeResponse response = server.embedding().tokenize(
        TokenizeRequest.newBuilder().setModel(MODEL).addAllTexts(TEXTS).build());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertThat(response.getTexts(i).getIdsList().stream().mapToLong(Long::longValue).toArray())
          .as(TEXTS.get(i)).isEqualTo(IDS.get(i));
    }
  }

  private static long[] values(Embedding fed, int from) {
    long[] out = new long[77];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) fed.getValues(from + i);
      assertThat((float) out[i]).isEqualTo(fed.getValues(from + i));
    }
    return out;
  }
}
