package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.bench.cli.BenchMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipserve bench} against the real server, short windows. */
@ExtendWith(SharedServer.class)
class BenchAgainstServerTest {
  static RealServer server;
  @TempDir
  Path dir;

  @BeforeAll
  static void connect(RealServer shared) {
    server = shared;
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BenchMain.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void streamModeOverTextsWithTheBaselineInTwoRoundsWritesEveryStepAndTheRatio()
      throws Exception {
    Path texts = Files.writeString(dir.resolve("texts.txt"), "一只猫\n\na dog\n皮卡丘\n",
        StandardCharsets.UTF_8);
    Path json = dir.resolve("bench.json");
    String out = run("bench", "--target", server.target(), "--model", RealServer.MODEL,
        "--texts", texts.toString(), "--mode", "stream", "--concurrency", "1,4",
        "--warmup-seconds", "0.2", "--seconds", "0.5", "--rounds", "2",
        "--baseline",
        RealServer.MODEL_DIR.toString(),
        "--json", json.toString())[0];

    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).startsWith("bench cn-clip-tiny: stream, 3 texts")
        .endsWith("2 round(s)");
    assertThat(lines.subList(1, 5)).containsExactly(
        "  round 1, concurrency 1: " + items(lines.get(1)),
        "  round 1, concurrency 4: " + items(lines.get(2)),
        "  round 2, concurrency 1: " + items(lines.get(3)),
        "  round 2, concurrency 4: " + items(lines.get(4)));
    assertThat(lines.get(6).trim()).startsWith("1 ");
    assertThat(lines.get(7).trim()).startsWith("4 ");
    assertThat(out).contains("baseline: text encoder of version 1")
        .contains("served / baseline at concurrency 4: ");
    String written = Files.readString(json);
    assertThat(written).contains("\"mode\":\"stream\"").contains("\"concurrency\":4")
        .contains("\"errors\":0").contains("\"best_batch_size\":")
        .contains("\"served_over_baseline\":");
    // Every batch size the baseline tries, up to the text encoder's max_batch_size of 64.
    assertThat(written).contains("\"batch_size\":1,").contains("\"batch_size\":64,");
  }

  @Test
  void pairedLightLoadAlternatesServedAndBareCallsAndReportsTheSpreadAdded() throws Exception {
    Path json = dir.resolve("light.json");
    String out = run("bench", "--target", server.target(), "--model", RealServer.MODEL,
        "--images", RealServer.IMAGES.toString(), "--concurrency", "1",
        "--warmup-seconds", "0.2", "--seconds", "0.3", "--baseline-seconds", "0.2",
        "--light-load-seconds", "0.5", "--rounds", "2",
        "--baseline",
        RealServer.MODEL_DIR.toString(),
        "--json", json.toString())[0];

    List<String> lines = out.lines().toList();
    int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("light load")).findFirst()
        .orElseThrow(() -> new AssertionError(out)));
    String[] counts = lines.get(at).replaceAll("[^0-9 ]", " ").trim().split("\\s+");
    // One bare call per served request, over both rounds.
    assertThat(counts[0]).isEqualTo(counts[counts.length - 2]);
    assertThat(Long.parseLong(counts[0])).isGreaterThan(1);
    assertThat(lines.get(at + 1)).startsWith("  served: p50 ").endsWith("(0 errors)");
    assertThat(lines.get(at + 2)).startsWith("  bare encoder: p50 ");
    assertThat(lines.get(at + 3)).startsWith("  spread added by serving: ");
    assertThat(Files.readString(json)).contains("\"light_load\":{\"pairs\":" + counts[0] + ",")
        .contains("\"served_errors\":0,").contains("\"spread_added_ms\":");
  }

  private static String items(String progressLine) {
    return progressLine.substring(progressLine.lastIndexOf(": ") + 2);
  }

  @Test
  void unaryModeOverImagesInBatchesWithTheServersCpuTime() {
    String out = run("bench", "--target", server.target(), "--images", RealServer.IMAGES.toString(),
        "--batch-size", "3", "--concurrency", "2", "--warmup-seconds", "0", "--seconds", "1",
        // The server runs in this process: its CPU time is this JVM's.
        "--server-pid", Long.toString(ProcessHandle.current().pid()))[0];
    String[] step = out.lines().toList().get(2).trim().split("\\s+");
    assertThat(step[0]).isEqualTo("2");
    assertThat(Double.parseDouble(step[1])).isPositive();
    assertThat(step[5]).isEqualTo("0");
    assertThat(Double.parseDouble(step[8])).as("items per server CPU second").isPositive();
  }
}
