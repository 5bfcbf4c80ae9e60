package io.clipserve.client.cli;

import io.clipserve.client.bench.Baseline;
import io.clipserve.client.bench.BenchInputs;
import io.clipserve.client.bench.Caller;
import io.clipserve.client.bench.OrtBaseline;
import io.clipserve.client.bench.ServerCounters;
import io.clipserve.client.bench.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code bench} prints as it goes (one line per step, then the baseline) and the same as one
 * JSON object. Collects the lines of the JSON as they are printed. Not thread-safe.
 */
final class BenchReport {
    private final StringBuilder header = new StringBuilder();
    private final List<String> steps = new ArrayList<>();
    private String baseline = "null";
    private final String title;

    BenchReport(String model, Caller.Mode mode, BenchInputs inputs, Path source, double warmup, double seconds) {
        String kind = inputs.isImages() ? "images" : "texts";
        title = String.format(Locale.ROOT, "bench %s: %s, %d %s from %s, %d per request, warm-up %.0f s, window %.0f s",
                model, mode.name().toLowerCase(Locale.ROOT), inputs.size(), kind, source, inputs.batchSize(), warmup, seconds);
        header.append(field("model", Json.quote(model))).append(field("mode", Json.quote(mode.name().toLowerCase(Locale.ROOT))))
                .append(field("inputs", Json.quote(kind))).append(field("source", Json.quote(source.toString())))
                .append(field("batch_size", inputs.batchSize())).append(field("warmup_seconds", warmup))
                .append(field("seconds", seconds));
    }

    void printHeader(PrintWriter out) {
        out.println(title);
        out.printf("%11s %9s %8s %8s %8s %7s %13s %16s%n", "concurrency", "items/s", "p50 ms", "p95 ms", "p99 ms",
                "errors", "server batch", "server queue ms");
        out.flush();
    }

    void printStep(PrintWriter out, StepResult step, ServerCounters server) {
        out.printf(Locale.ROOT, "%11d %9.2f %8.1f %8.1f %8.1f %7d %13.2f %16.2f%n", step.concurrency(),
                step.itemsPerSecond(), step.p50Millis(), step.p95Millis(), step.p99Millis(), step.errors(),
                server.meanBatch(), server.meanQueueMillis());
        out.flush();
        steps.add("{" + field("concurrency", step.concurrency()) + field("items_per_second", step.itemsPerSecond())
                + field("requests", step.requests()) + field("errors", step.errors())
                + field("p50_ms", step.p50Millis()) + field("p95_ms", step.p95Millis()) + field("p99_ms", step.p99Millis())
                + field("server_mean_batch", server.meanBatch())
                + last("server_mean_queue_ms", server.meanQueueMillis()) + "}");
    }

    void printBaseline(PrintWriter out, Baseline.Result result, List<StepResult> served) {
        out.printf("baseline: %s encoder of version %d in-process on ONNX Runtime, %d intra-op thread(s), %d instance(s)%n",
                result.encoder(), result.version(), result.intraOpThreads(), result.instances());
        out.printf("%11s %9s %13s %8s %8s%n", "batch", "items/s", "items/cpu-s", "p50 ms", "p99 ms");
        List<String> runs = new ArrayList<>();
        for (OrtBaseline.BatchRun run : result.runs()) {
            out.printf(Locale.ROOT, "%11d %9.2f %13.2f %8.1f %8.1f%n", run.batchSize(), run.itemsPerSecond(),
                    run.itemsPerCpuSecond(), run.p50Millis(), run.p99Millis());
            runs.add("{" + field("batch_size", run.batchSize()) + field("items_per_second", run.itemsPerSecond())
                    + field("items_per_cpu_second", run.itemsPerCpuSecond())
                    + field("p50_ms", run.p50Millis()) + last("p99_ms", run.p99Millis()) + "}");
        }
        OrtBaseline.BatchRun best = result.best();
        out.printf(Locale.ROOT, "best batch %d: %.2f items/s; bare encoder spread at batch 1: p99 - p50 = %.1f ms%n",
                best.batchSize(), best.itemsPerSecond(), result.batchOneSpreadMillis());
        List<String> ratios = new ArrayList<>();
        for (StepResult step : served) {
            double ratio = step.itemsPerSecond() / best.itemsPerSecond();
            out.printf(Locale.ROOT, "served / baseline at concurrency %d: %.3f%n", step.concurrency(), ratio);
            ratios.add("{" + field("concurrency", step.concurrency()) + last("served_over_baseline", ratio) + "}");
        }
        baseline = "{" + field("encoder", Json.quote(result.encoder())) + field("version", result.version())
                + field("intra_op_threads", result.intraOpThreads()) + field("instances", result.instances())
                + field("best_batch_size", best.batchSize()) + field("best_items_per_second", best.itemsPerSecond())
                + field("batch_one_spread_ms", result.batchOneSpreadMillis())
                + field("batches", "[" + String.join(",", runs) + "]")
                + last("ratios", "[" + String.join(",", ratios) + "]") + "}";
    }

    void writeJson(Path file) {
        String text = "{" + header + field("steps", "[" + String.join(",", steps) + "]") + last("baseline", baseline)
                + "}\n";
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
