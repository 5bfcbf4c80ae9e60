package io.clipserve.bench.cli;

import io.clipserve.cli.Json;
import io.clipserve.cli.JsonObject;
import io.clipserve.bench.BenchInputs;
import io.clipserve.bench.BenchRun;
import io.clipserve.bench.Caller;
import io.clipserve.bench.Interval;
import io.clipserve.bench.PairedLightLoad;
import io.clipserve.bench.ServerCounters;
import io.clipserve.bench.Tally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bench} prints (progress per round, then the steps over all rounds, then the
 * baseline and served / baseline, see {@link BaselineReport}) and the same as one JSON object,
 * collected as it is printed. Not thread-safe.
 */
final class BenchReport {
  private final String title;
  private final JsonObject header;
  private final int rounds;
  private String steps = "[]";
  private Object baseline = "null";
  private Object lightLoad = "null";
  private final List<JsonObject> intervals = new ArrayList<>();

  BenchReport(String model, Caller.Mode mode, BenchInputs inputs, Path source, double warmup,
      double seconds, int rounds) {
    String kind = inputs.isImages() ? "images" : "texts";
    String modeName = mode.name().toLowerCase(Locale.ROOT);
    this.rounds = rounds;
    title = String.format(Locale.ROOT, "bench %s: %s, %d %s from %s, %d per request,"
        + " warm-up %.0f s, window %.0f s, %d round(s)", model, modeName, inputs.size(), kind,
        source, inputs.batchSize(), warmup, seconds, rounds);
    header = new JsonObject().add("model", Json.quote(model)).add("mode", Json.quote(modeName))
        .add("inputs", Json.quote(kind)).add("source", Json.quote(source.toString()))
        .add("batch_size", inputs.batchSize()).add("warmup_seconds", warmup)
        .add("seconds", seconds).add("rounds", rounds);
  }

  void printTitle(PrintWriter out) {
    out.println(title);
    out.flush();
  }

  /** Prints progress to {@code out}: rounds as {@link #printProgress}, intervals as they end. */
  BenchRun.Progress progress(PrintWriter out) {
    return new BenchRun.Progress() {
      @Override
      public void stepDone(int round, int concurrency, Tally step) {
        printProgress(out, round, concurrency, step);
      }

      @Override
      public void intervalDone(int round, int concurrency, Interval interval) {
        printInterval(out, round, concurrency, interval);
      }
    };
  }

  /** One line per interval: its span from the step's start, items/s, p50, p99 and errors. */
  private void printInterval(PrintWriter out, int round, int concurrency, Interval interval) {
    Tally tally = interval.tally();
    out.printf(Locale.ROOT, "  %sconcurrency %d, %.1f-%.1f s: %.2f items/s, p50 %.1f ms,"
        + " p99 %.1f ms, %d errors%n", rounds > 1 ? "round " + (round + 1) + ", " : "",
        concurrency, interval.fromSeconds(), interval.toSeconds(), tally.itemsPerSecond(),
        tally.percentileMillis(50), tally.percentileMillis(99), tally.errors());
    out.flush();
    intervals.add(new JsonObject().add("round", round + 1).add("concurrency", concurrency)
        .add("from_seconds", interval.fromSeconds()).add("to_seconds", interval.toSeconds())
        .add("items_per_second", tally.itemsPerSecond()).add("requests", tally.requests())
        .add("errors", tally.errors()).add("p50_ms", tally.percentileMillis(50))
        .add("p99_ms", tally.percentileMillis(99)));
  }

  /** One line per step and round, when there are several rounds. */
  private void printProgress(PrintWriter out, int round, int concurrency, Tally step) {
    if (rounds > 1) {
      out.printf(Locale.ROOT, "  round %d, concurrency %d: %.2f items/s%n", round + 1, concurrency,
          step.itemsPerSecond());
      out.flush();
    }
  }

  void printSteps(PrintWriter out, Map<Integer, Tally> served,
      Map<Integer, ServerCounters> server) {
    out.printf("%11s %9s %8s %8s %8s %7s %13s %16s %13s%n", "concurrency", "items/s", "p50 ms",
        "p95 ms", "p99 ms", "errors", "server batch", "server queue ms", "items/cpu-s");
    List<JsonObject> rows = new ArrayList<>();
    served.forEach((concurrency, tally) -> {
      ServerCounters counters = server.get(concurrency);
      out.printf(Locale.ROOT, "%11d %9.2f %8.1f %8.1f %8.1f %7d %13.2f %16.2f %13.2f%n",
          concurrency, tally.itemsPerSecond(), tally.percentileMillis(50),
          tally.percentileMillis(95), tally.percentileMillis(99), tally.errors(),
          counters.meanBatch(), counters.meanQueueMillis(), tally.itemsPerCpuSecond());
      rows.add(new JsonObject().add("concurrency", concurrency)
          .add("items_per_second", tally.itemsPerSecond())
          .add("requests", tally.requests()).add("errors", tally.errors())
          .add("p50_ms", tally.percentileMillis(50)).add("p95_ms", tally.percentileMillis(95))
          .add("p99_ms", tally.percentileMillis(99)).add("server_mean_batch", counters.meanBatch())
          .add("items_per_server_cpu_second", tally.itemsPerCpuSecond())
          .add("server_mean_queue_ms", counters.meanQueueMillis()));
    });
    steps = JsonObject.array(rows);
    out.flush();
  }

  void printBaseline(PrintWriter out, String description, Map<Integer, Tally> batches,
      Map<Integer, Tally> served) {
    baseline = BaselineReport.print(out, description, batches, served);
  }

  void printLightLoad(PrintWriter out, PairedLightLoad pairs) {
    lightLoad = BaselineReport.printLightLoad(out, pairs);
  }

  void writeJson(Path file) {
    String text = new JsonObject(header).add("steps", steps).add("baseline", baseline)
        .add("light_load", lightLoad).add("intervals", JsonObject.array(intervals)) + "\n";
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e, e);
    }
  }
}
