package io.clipserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.clipserve.client.testing.EchoEmbeddingService;
import io.clipserve.client.testing.TestServer;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embed}, {@code similarity} and {@code classify}, in both output forms. */
class EmbedAndRankCommandsTest {

  @TempDir
  Path dir;

  private TestServer server;
  private CliRunner cli;
  private Path image;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.inProcess();
    cli = new CliRunner(server);
    image = Files.write(dir.resolve("cat.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
  }

  @AfterEach
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void embedPrintsOneRowPerInputInCommandLineOrder() {
    CliRunner.Result result = cli.run("embed", "-m", "alpha", "--text", "hi",
        "--image", image.toString(), "--text", "a longer text");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).hasSize(5);
    assertThat(result.lines().get(0)).isEqualTo("model alpha  version 7");
    assertThat(result.lines().get(1))
        .matches("#\\s+dim\\s+norm\\s+truncated\\s+values\\s+input");
    assertThat(result.lines().get(2))
        .matches("0\\s+5\\s+1\\.0000\\s+no\\s+\\[0\\.\\d{4}, .*, …]\\s+hi");
    assertThat(result.lines().get(3))
        .matches("1\\s+5\\s+1\\.0000\\s+no\\s+.*\\s+" + Pattern.quote(image.toString()));
    assertThat(result.lines().get(4)).matches("2\\s+5\\s+1\\.0000\\s+yes\\s+.*\\s+a longer text");
  }

  @Test
  void embedJsonPrintsOneObjectPerInputWithTheRawVector() throws Exception {
    CliRunner.Result result = cli.run("embed", "--json", "--raw", "-m", "alpha",
        "--model-version", "3", "--text", "say \"hi\"", "--image", image.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).hasSize(2);
    Struct first = parse(result.lines().get(0));
    assertThat(first.getFieldsMap().get("id").getStringValue()).isEqualTo("say \"hi\"");
    assertThat(first.getFieldsMap().get("model").getStringValue()).isEqualTo("alpha");
    assertThat(first.getFieldsMap().get("modelVersion").getStringValue()).isEqualTo("3");
    assertThat(first.getFieldsMap().get("truncated").getBoolValue()).isFalse();
    assertThat(first.getFieldsMap().get("values").getListValue().getValuesList())
        .extracting(Value::getNumberValue).containsExactly(1.0, 0.0, 8.0, (double) 's', 3.0);
    Struct second = parse(result.lines().get(1));
    assertThat(second.getFieldsMap().get("index").getNumberValue()).isEqualTo(1);
    assertThat(second.getFieldsMap().get("values").getListValue().getValuesList())
        .extracting(Value::getNumberValue).containsExactly(2.0, 1.0, 3.0, 255.0, 3.0);
  }

  @Test
  void similarityRanksTheCandidatesOfEachQuery() {
    CliRunner.Result result = cli.run("similarity", "-m", "alpha", "--query-text", "abc",
        "--query-image", image.toString(), "--candidate-text", "a", "--candidate-text", "abcd",
        "--candidate-text", "xyz", "--top-k", "2");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).containsExactly(
        "model alpha  version 7",
        "query 0: abc",
        "  rank  probability  logit    cosine  candidate",
        "  1     1.0000       100.000  1.0000  xyz",
        "  2     0.0000       50.000   0.5000  abcd",
        "query 1: " + image,
        "  rank  probability  logit    cosine  candidate",
        "  1     1.0000       100.000  1.0000  xyz",
        "  2     0.0000       50.000   0.5000  abcd");
  }

  @Test
  void similarityJsonIsTheResponseWithTheInputsNamed() throws Exception {
    CliRunner.Result result = cli.run("similarity", "--json", "-m", "alpha", "--query-text", "ab",
        "--candidate-image", image.toString(), "--candidate-text", "b");

    SimilarityResponse.Builder response = SimilarityResponse.newBuilder();
    JsonFormat.parser().merge(result.out(), response);
    assertThat(response.getRows(0).getQueryId()).isEqualTo("ab");
    assertThat(response.getRows(0).getScoresList()).extracting(Score::getId)
        .containsExactly(image.toString(), "b");
    assertThat(result.lines()).hasSize(1);
  }

  @Test
  void classifyRanksTheLabelsUsingTheTemplates() throws Exception {
    CliRunner.Result human = cli.run("classify", "-m", "alpha", "--image", image.toString(),
        "--label", "zebra", "--label", "cat", "--template", "a photo of a {}.", "--top-k", "1");
    CliRunner.Result json = cli.run("classify", "--json", "-m", "alpha",
        "--image", image.toString(), "--label", "zebra", "--label", "cat",
        "--template", "a photo of a {}.");

    assertThat(human.lines()).hasSize(4);
    assertThat(human.lines().get(3)).matches("  1\\s+1\\.0000\\s+100\\.000\\s+1\\.0000\\s+cat");
    ClassifyResponse.Builder response = ClassifyResponse.newBuilder();
    JsonFormat.parser().merge(json.out(), response);
    assertThat(response.getRows(0).getScoresList()).extracting(Score::getId)
        .containsExactly("a photo of a cat.", "a photo of a zebra.");
  }

  @Test
  void theModelMayBeLeftOutWhenTheServerHasOneReadyModel() {
    CliRunner.Result result = cli.run("embed", "--text", "x");

    assertThat(result.exitCode()).isZero();
    assertThat(result.lines().get(0)).isEqualTo("model alpha  version 7");
  }

  @Test
  void theDeadlineAndTargetReachTheClient() {
    CliRunner.Result result = cli.run("embed", "-m", EchoEmbeddingService.SLOW, "--text", "x",
        "--deadline-ms", "150", "--target", "example.org:9001");

    assertThat(result.exitCode()).isEqualTo(64 + 4);
    assertThat(result.err()).startsWith("error: DEADLINE_EXCEEDED");
    assertThat(cli.targets()).containsExactly("example.org:9001");
    assertThat(cli.deadlines()).containsExactly(Duration.ofMillis(150));
  }

  @Test
  void theCommonOptionsMayStandBeforeTheCommand() {
    CliRunner.Result result = cli.run("--target", "example.org:9001", "--deadline-ms", "2500",
        "embed", "--json", "-m", "alpha", "--text", "x");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("{\"index\":0,");
    assertThat(cli.targets()).containsExactly("example.org:9001");
    assertThat(cli.deadlines()).containsExactly(Duration.ofMillis(2500));
  }

  private static Struct parse(String json) throws Exception {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(json, struct);
    return struct.build();
  }
}
