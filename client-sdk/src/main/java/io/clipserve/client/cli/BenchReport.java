package io.clipserve.client.cli;

import io.clipserve.client.bench.BenchInputs;
import io.clipserve.client.bench.Caller;
import io.clipserve.client.bench.ServerCounters;
import io.clipserve.client.bench.Tally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code bench} prints (progress per round, then the steps over all rounds, then the
 * baseline and served / baseline) and the same as one JSON object, collected as it is printed.
 * Not thread-safe.
 */
final class BenchReport {
    private final String title;
    private final String header;
    private final int rounds;
    private String steps = "[]";
    private String baseline = "null";

    BenchReport(String model, Caller.Mode mode, BenchInputs inputs, Path source, double warmup, double seconds,
                int rounds) {
        String kind = inputs.isImages() ? "images" : "texts";
        String modeName = mode.name().toLowerCase(Locale.ROOT);
        this.rounds = rounds;
        title = String.format(Locale.ROOT, "bench %s: %s, %d %s from %s, %d per request, warm-up %.0f s,"
                + " window %.0f s, %d round(s)", model, modeName, inputs.size(), kind, source, inputs.batchSize(),
                warmup, seconds, rounds);
        header = field("model", Json.quote(model)) + field("mode", Json.quote(modeName))
                + field("inputs", Json.quote(kind)) + field("source", Json.quote(source.toString()))
                + field("batch_size", inputs.batchSize()) + field("warmup_seconds", warmup)
                + field("seconds", seconds) + field("rounds", rounds);
    }

    void printTitle(PrintWriter out) {
        out.println(title);
        out.flush();
    }

    /** One line per step and round, when there are several rounds. */
    void printProgress(PrintWriter out, int round, int concurrency, Tally step) {
        if (rounds > 1) {
            out.printf(Locale.ROOT, "  round %d, concurrency %d: %.2f items/s%n", round + 1, concurrency,
                    step.itemsPerSecond());
            out.flush();
        }
    }

    void printSteps(PrintWriter out, Map<Integer, Tally> served, Map<Integer, ServerCounters> server) {
        out.printf("%11s %9s %8s %8s %8s %7s %13s %16s %13s%n", "concurrency", "items/s", "p50 ms", "p95 ms",
                "p99 ms", "errors", "server batch", "server queue ms", "items/cpu-s");
        List<String> rows = new ArrayList<>();
        served.forEach((concurrency, tally) -> {
            ServerCounters counters = server.get(concurrency);
            out.printf(Locale.ROOT, "%11d %9.2f %8.1f %8.1f %8.1f %7d %13.2f %16.2f %13.2f%n", concurrency,
                    tally.itemsPerSecond(), tally.percentileMillis(50), tally.percentileMillis(95),
                    tally.percentileMillis(99), tally.errors(), counters.meanBatch(), counters.meanQueueMillis(),
                    tally.itemsPerCpuSecond());
            rows.add("{" + field("concurrency", concurrency) + field("items_per_second", tally.itemsPerSecond())
                    + field("requests", tally.requests()) + field("errors", tally.errors())
                    + field("p50_ms", tally.percentileMillis(50)) + field("p95_ms", tally.percentileMillis(95))
                    + field("p99_ms", tally.percentileMillis(99)) + field("server_mean_batch", counters.meanBatch())
                    + field("items_per_server_cpu_second", tally.itemsPerCpuSecond())
                    + last("server_mean_queue_ms", counters.meanQueueMillis()) + "}");
        });
        steps = "[" + String.join(",", rows) + "]";
        out.flush();
    }

    void printBaseline(PrintWriter out, String description, Map<Integer, Tally> batches, Map<Integer, Tally> served) {
        out.println("baseline: " + description);
        out.printf("%11s %9s %13s %8s %8s%n", "batch", "items/s", "items/cpu-s", "p50 ms", "p99 ms");
        List<String> runs = new ArrayList<>();
        batches.forEach((batch, tally) -> {
            out.printf(Locale.ROOT, "%11d %9.2f %13.2f %8.1f %8.1f%n", batch, tally.itemsPerSecond(),
                    tally.itemsPerCpuSecond(), tally.percentileMillis(50), tally.percentileMillis(99));
            runs.add("{" + field("batch_size", batch) + field("items_per_second", tally.itemsPerSecond())
                    + field("items_per_cpu_second", tally.itemsPerCpuSecond())
                    + field("p50_ms", tally.percentileMillis(50)) + last("p99_ms", tally.percentileMillis(99)) + "}");
        });
        var best = batches.entrySet().stream()
                .max(Comparator.comparingDouble(e -> e.getValue().itemsPerSecond())).orElseThrow();
        Tally one = batches.values().iterator().next();
        double spread = one.percentileMillis(99) - one.percentileMillis(50);
        out.printf(Locale.ROOT, "best batch %d: %.2f items/s; bare encoder spread at batch %d: p99 - p50 = %.1f ms%n",
                best.getKey(), best.getValue().itemsPerSecond(), batches.keySet().iterator().next(), spread);
        List<String> ratios = new ArrayList<>();
        double bestPerCpu = batches.values().stream().mapToDouble(Tally::itemsPerCpuSecond).max().orElseThrow();
        served.forEach((concurrency, tally) -> {
            double ratio = tally.itemsPerSecond() / best.getValue().itemsPerSecond();
            double perCpu = tally.itemsPerCpuSecond() / bestPerCpu;
            out.printf(Locale.ROOT, "served / baseline at concurrency %d: %.3f%s%n", concurrency, ratio,
                    Double.isNaN(perCpu) ? "" : String.format(Locale.ROOT, " (per CPU second: %.3f)", perCpu));
            ratios.add("{" + field("concurrency", concurrency) + field("served_over_baseline", ratio)
                    + last("served_over_baseline_per_cpu_second", perCpu) + "}");
        });
        baseline = "{" + field("description", Json.quote(description)) + field("best_batch_size", best.getKey())
                + field("best_items_per_second", best.getValue().itemsPerSecond())
                + field("smallest_batch_spread_ms", spread)
                + field("batches", "[" + String.join(",", runs) + "]")
                + last("ratios", "[" + String.join(",", ratios) + "]") + "}";
        out.flush();
    }

    void writeJson(Path file) {
        String text = "{" + header + field("steps", steps) + last("baseline", baseline) + "}\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e, e);
        }
    }

    private static String field(String name, Object value) {
        return last(name, value) + ",";
    }

    private static String last(String name, Object value) {
        String text = value instanceof Double d ? number(d) : String.valueOf(value);
        return Json.quote(name) + ":" + text;
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }
}
