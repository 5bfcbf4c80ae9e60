package io.clipserve.server.exactness;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.proto.v1.TokenizedText;
import io.clipserve.server.exactness.ReferenceTokens.Case;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ids that reached the text encoder, read back through the identity probes over the real
 * server, equal Chinese-CLIP's Python tokenizer's (tools/reference_tokens.py) for every case of
 * tools/texts/tokenizer_cases.json that gRPC can carry, all in one request; so do the ids
 * {@code Tokenize} returns.
 * Fed as INT64 or INT32, and with an attention mask and a pad id other than 0 (77 tokens, pad 1).
 */
class TokenIdExactnessTest {

  private static final List<Case> CONTEXT_52 = ReferenceTokens.sendable("chinese_clip.json");
  @TempDir
  static Path repository;
  static ProbeServer server;

  @BeforeAll
  static void start() {
    assertThat(CONTEXT_52).as("every case but the lone surrogate").hasSizeGreaterThan(80);
    server = new ProbeServer(repository,
        List.of("probe-text-52", "probe-text-int32-52", "probe-text-mask-77"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"probe-text-52", "probe-text-int32-52"})
  void encoderIsFedTheReferenceIds(String probe) {
    EmbedResponse response = embedAll(probe, CONTEXT_52);
    for (int i = 0; i < CONTEXT_52.size(); i++) {
      Case expected = CONTEXT_52.get(i);
      Embedding fed = response.getEmbeddings(i);
      assertThat(ids(fed, 0, 52)).as("%s ids", expected).isEqualTo(expected.ids());
      assertThat(fed.getTruncated()).as("%s truncated", expected).isEqualTo(expected.truncated());
    }
  }

  @Test
  void tokenizeReturnsTheReferenceIdsAndTokens() {
    TokenizeResponse response = server.embedding().tokenize(TokenizeRequest.newBuilder()
        .setModel("probe-text-52").addAllTexts(CONTEXT_52.stream().map(Case::text).toList())
        .build());
    for (int i = 0; i < CONTEXT_52.size(); i++) {
      Case expected = CONTEXT_52.get(i);
      TokenizedText actual = response.getTexts(i);
      assertThat(actual.getIdsList()).as("%s ids", expected)
          .containsExactly(boxed(expected.ids()));
      assertThat(actual.getTokensList()).as("%s tokens", expected)
          .isEqualTo(expected.tokens());
      assertThat(actual.getTruncated()).as("%s truncated", expected)
          .isEqualTo(expected.truncated());
    }
  }

  @Test
  void maskedEncoderIsFedTheReferenceIdsPaddedWithItsPadIdAndTheMask() {
    List<Case> cases = ReferenceTokens.sendable("chinese_clip_77_pad1.json");
    EmbedResponse response = embedAll("probe-text-mask-77", cases);
    for (int i = 0; i < cases.size(); i++) {
      Case expected = cases.get(i);
      Embedding fed = response.getEmbeddings(i);
      assertThat(fed.getValuesCount()).isEqualTo(2 * 77);
      assertThat(ids(fed, 0, 77)).as("%s ids", expected).isEqualTo(expected.ids());
      long[] mask = new long[77];
      for (int t = 0; t < expected.tokens().size(); t++) {
        mask[t] = 1;
      }
      assertThat(ids(fed, 77, 77)).as("%s mask", expected).isEqualTo(mask);
    }
  }

  private static EmbedResponse embedAll(String probe, List<Case> cases) {
    return server.embedRaw(probe, cases.stream().map(c -> ProbeServer.text(c.text())).toList());
  }

  /** {@code count} values from {@code from}, as the integers they must exactly be. */
  private static long[] ids(Embedding fed, int from, int count) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      float value = fed.getValues(from + i);
      ids[i] = (long) value;
      assertThat((float) ids[i]).as("value %d is an integer", from + i).isEqualTo(value);
    }
    return ids;
  }

  private static Long[] boxed(long[] values) {
    return Arrays.stream(values).boxed().toArray(Long[]::new);
  }
}
