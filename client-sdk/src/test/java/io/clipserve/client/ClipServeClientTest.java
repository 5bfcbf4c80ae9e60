package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipserve.client.testing.EchoEmbeddingService;
import io.clipserve.client.testing.Rankings;
import io.clipserve.client.testing.StaticModelService;
import io.clipserve.client.testing.TestServer;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.SimilarityRow;
import io.clipserve.proto.v1.TokenizedText;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocking facade against the server doubles over in-process gRPC. */
class ClipServeClientTest {

  private TestServer server;
  private ClipServeClient client;

  @BeforeEach
  void start() {
    server = TestServer.inProcess();
    client = ClipServeClient.forChannel(server.channel());
  }

  @AfterEach
  void stop() throws InterruptedException {
    client.close();
    server.close();
  }

  @Test
  void embedTextsAnswersOneNormalisedVectorPerTextInOrder() {
    EmbeddingResult result = client.embedTexts("alpha", List.of("hi", "a longer text"));

    assertThat(result.model()).isEqualTo("alpha");
    assertThat(result.modelVersion()).isEqualTo(EchoEmbeddingService.DEFAULT_VERSION);
    assertThat(result.size()).isEqualTo(2);
    assertThat(result.vector(0)).containsExactly(
        Rankings.normalised(new float[] {1, 0, 2, 'h', 7}), within(1e-6f));
    assertThat(result.vector(1)).containsExactly(
        Rankings.normalised(new float[] {1, 1, 13, 'a', 7}), within(1e-6f));
    assertThat(result.truncated()).containsExactly(false, true);
  }

  @Test
  void embedOptionsSendRawAndModelVersion() {
    EmbeddingResult result = client.embedTexts("alpha", List.of("hi"),
        EmbedOptions.DEFAULT.withRaw(true).withModelVersion(3));

    assertThat(result.modelVersion()).isEqualTo(3);
    assertThat(result.vector(0)).containsExactly(1, 0, 2, 'h', 3);
  }

  @Test
  void embedImagesSendsEachFilesBytesAsTheyAre(@TempDir Path dir) throws IOException {
    byte[] large = new byte[300_000]; // several read buffers' worth
    new Random(1).nextBytes(large);
    Path big = Files.write(dir.resolve("big.jpg"), large);
    Path small = Files.write(dir.resolve("small.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    EmbeddingResult result = client.embedImages("alpha", List.of(big, small),
        EmbedOptions.DEFAULT.withRaw(true));

    assertThat(result.vector(0)).containsExactly(2, 0, large.length, large[0] & 0xff, 7);
    assertThat(result.vector(1)).containsExactly(2, 1, 4, 0x89, 7);
  }

  @Test
  void embedImageBytesKeepsOrder() {
    EmbeddingResult result = client.embedImageBytes("alpha",
        List.of(new byte[] {9, 9, 9}, new byte[] {5}), EmbedOptions.DEFAULT.withRaw(true));

    assertThat(result.vectors()).extracting(v -> v[1]).containsExactly(0f, 1f);
    assertThat(result.vectors()).extracting(v -> v[2]).containsExactly(3f, 1f);
  }

  @Test
  void unreadableImageFailsBeforeAnyCall(@TempDir Path dir) {
    assertThatThrownBy(() -> client.embedImages("alpha", List.of(dir.resolve("absent.jpg"))))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("absent.jpg");
    assertThat(server.embedding().lastDeadline()).isNull();
  }

  @Test
  void similarityRanksCandidatesPerQueryAndKeepsTopK() {
    SimilarityResponse response = client.similarity("alpha",
        List.of(Inputs.text("abc"), Inputs.image(new byte[] {1})),
        List.of(Inputs.text("a"), Inputs.text("abcd"), Inputs.text("abc")), 2);

    assertThat(response.getRowsList()).hasSize(2);
    SimilarityRow first = response.getRows(0);
    assertThat(first.getScoresList()).extracting(Score::getIndex).containsExactly(2, 1);
    assertThat(first.getScores(0).getCosine()).isEqualTo(1f);
    assertThat(first.getScores(0).getLogit()).isEqualTo(100f);
    assertThat(response.getRows(1).getScoresList()).extracting(Score::getIndex)
        .containsExactly(0, 2);
  }

  @Test
  void classifySendsLabelsTemplatesAndTopK() {
    ClassifyResponse response = client.classify("alpha",
        List.of(Inputs.image(new byte[] {1, 2, 3})), List.of("cat", "zebra", "ox"),
        List.of("a photo of a {}."), 0);

    assertThat(response.getRows(0).getScoresList()).extracting(Score::getId)
        .containsExactly("a photo of a cat.", "a photo of a ox.", "a photo of a zebra.");
    assertThat(response.getRows(0).getScoresList()).extracting(Score::getProbability)
        .satisfies(p -> assertThat(p.stream().mapToDouble(Float::doubleValue).sum())
            .isCloseTo(1, within(1e-5)));
  }

  @Test
  void tokenizeAnswersOneEntryPerText() {
    List<TokenizedText> tokens = client.tokenize("alpha", List.of("ab", "far too long"));

    assertThat(tokens.get(0).getIdsList()).containsExactly(97L, 98L, 0L, 0L, 0L, 0L, 0L, 0L);
    assertThat(tokens.get(0).getTokensList()).containsExactly("a", "b");
    assertThat(tokens.get(1).getTruncated()).isTrue();
  }

  @Test
  void modelCallsReachTheModelService() {
    assertThat(client.listModels()).extracting(ModelInfo::getName)
        .containsExactly("alpha", "beta");
    assertThat(client.getModel("beta").getVersions(0).getReason())
        .isEqualTo(StaticModelService.BETA_REASON);
    assertThat(client.loadModel("beta").getVersions(0).getState())
        .isEqualTo(VersionInfo.State.READY);
    client.unloadModel("alpha");
    assertThat(server.models().unloaded()).containsExactly("alpha");
    assertThat(client.statistics("alpha", 2)).singleElement()
        .satisfies(s -> assertThat(s.getName() + "@" + s.getVersion()).isEqualTo("alpha@2"));
    assertThat(client.statistics()).singleElement()
        .satisfies(s -> assertThat(s.getEncoders(0).getItems()).isEqualTo(5));
  }

  @Test
  void serverErrorsSurfaceAsStatusRuntimeExceptionWithTheirStatus() {
    assertThatThrownBy(() -> client.embedTexts(EchoEmbeddingService.MISSING, List.of("x")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getStatus().getDescription()).isEqualTo("model 'missing' not found");
        });
    assertThatThrownBy(() -> client.embedTexts("alpha", List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    assertThatThrownBy(() -> client.getModel("gamma"))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }
}
