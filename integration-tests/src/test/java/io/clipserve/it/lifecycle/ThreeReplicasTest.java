package io.clipserve.it.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.bench.ServerCounters;
import io.clipserve.bench.cli.BenchMain;
import io.clipserve.client.ClipServeClient;
import io.clipserve.it.RealServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16's three-replica check: three server processes over one repository (the bundled model),
 * {@code clipserve bench} through the SDK at concurrency 16 over all three as a comma list;
 * SIGKILL one, then SIGTERM another while the bench runs. No request fails (a call cut off by the
 * kill is retried on UNAVAILABLE, a draining replica turns NOT_SERVING and stops being picked),
 * the drained replica exits 0, and the survivor keeps answering until the bench ends.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ThreeReplicasTest {
  private static final Path RUNS = Path.of(System.getProperty("clipserve.root", ".."))
      .toAbsolutePath().normalize().resolve("integration-tests/target/lifecycle-runs");
  private static final Pattern INTERVAL_ERRORS = Pattern.compile("s: .* (\\d+) errors$");
  private static final Pattern JSON_ERRORS = Pattern.compile("\"errors\":(\\d+)");
  /** Items each replica must answer before the next step: proof calls reach it. */
  private static final long SOME_ITEMS = 50;

  @Test
  void benchOverThreeReplicasFailsNothingWhenOneIsKilledAndOneDrains() throws Exception {
    Path run = Files.createTempDirectory(Files.createDirectories(RUNS), "replicas-");
    Path repository = run.resolve("repository");
    RealServer.copyTree(RealServer.MODEL_DIR, repository.resolve(RealServer.MODEL));
    Path texts = Files.writeString(run.resolve("texts.txt"), "一只猫\na dog\n皮卡丘\n杰尼龟\n",
        StandardCharsets.UTF_8);
    Path json = run.resolve("bench.json");
    ExecutorService benchThread = Executors.newSingleThreadExecutor();
    try (ForkedServer killed = replica(run, repository, "killed");
        ForkedServer drained = replica(run, repository, "drained");
        ForkedServer survivor = replica(run, repository, "survivor")) {
      String target = List.of(killed, drained, survivor).stream()
          .map(server -> "127.0.0.1:" + server.grpcPort()).collect(Collectors.joining(","));
      StringWriter out = new StringWriter();
      long start = System.nanoTime();
      StringWriter err = new StringWriter();
      Future<Integer> bench = benchThread.submit(() -> BenchMain.run(new String[] {"bench",
          "--target", target, "--model", RealServer.MODEL, "--texts", texts.toString(),
          "--concurrency", "16", "--warmup-seconds", "0", "--seconds", "60",
          "--interval-seconds", "3", "--json", json.toString()},
          new PrintWriter(out, true), new PrintWriter(err, true)));

      awaitWhileBenchRuns(bench, out, () -> items(killed) >= SOME_ITEMS
          && items(drained) >= SOME_ITEMS && items(survivor) >= SOME_ITEMS);
      killed.kill();
      mark(start, "SIGKILL to the first replica");
      long drainedBefore = items(drained);
      long survivorBefore = items(survivor);
      awaitWhileBenchRuns(bench, out, () -> items(drained) >= drainedBefore + SOME_ITEMS
          && items(survivor) >= survivorBefore + SOME_ITEMS);
      drained.stop();
      mark(start, "SIGTERM to the second replica");
      assertThat(drained.awaitExit(120)).as(drained.log()).isZero();
      mark(start, "the second replica exited 0");
      long survivorAlone = items(survivor);
      assertThat(bench.isDone()).as("the bench ended before both replicas were gone:\n" + out)
          .isFalse();

      int exit = bench.get(5, TimeUnit.MINUTES);
      String printed = out.toString();
      System.out.println(printed);
      assertThat(exit).as(err.toString()).isZero();
      List<Long> intervalErrors = printed.lines().map(INTERVAL_ERRORS::matcher)
          .filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).toList();
      assertThat(intervalErrors).as(printed).hasSizeGreaterThan(10).containsOnly(0L);
      List<Long> jsonErrors = JSON_ERRORS.matcher(Files.readString(json)).results()
          .map(m -> Long.parseLong(m.group(1))).toList();
      // The step and every interval.
      assertThat(jsonErrors).hasSize(intervalErrors.size() + 1).containsOnly(0L);
      assertThat(items(survivor)).as("calls answered by the survivor alone")
          .isGreaterThan(survivorAlone + SOME_ITEMS);
    } finally {
      benchThread.shutdownNow();
    }
  }

  private static ForkedServer replica(Path run, Path repository, String name)
      throws IOException, InterruptedException {
    Path workDir = Files.createDirectories(run.resolve(name));
    return ForkedServer.start(workDir, "--model-repository", repository.toString());
  }

  /** For the record: when the bench (started at {@code start}) saw each replica go. */
  private static void mark(long start, String event) {
    System.out.printf("%.1f s after the bench started: %s%n", (System.nanoTime() - start) / 1e9,
        event);
  }

  /** Text items the replica has answered, from its own GetStatistics. */
  private static long items(ForkedServer replica) {
    return ServerCounters.read(ClipServeClient.forChannel(replica.channel()), RealServer.MODEL,
        "text").items();
  }

  private static void awaitWhileBenchRuns(Future<Integer> bench, StringWriter out,
      BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      assertThat(bench.isDone()).as("the bench ended first:\n" + out).isFalse();
      Thread.sleep(50);
    }
  }
}
