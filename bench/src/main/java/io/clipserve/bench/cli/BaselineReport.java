package io.clipserve.bench.cli;

import io.clipserve.cli.Json;
import io.clipserve.cli.JsonObject;
import io.clipserve.bench.PairedLightLoad;
import io.clipserve.bench.Tally;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The baseline part of {@code bench}'s output: each batch size, the best, served / baseline; the
 * paired light-load step.
 */
final class BaselineReport {

  private BaselineReport() {
  }

  /** Prints the baseline and the ratios of {@code served} to it; returns the same as JSON. */
  static JsonObject print(PrintWriter out, String description, Map<Integer, Tally> batches,
      Map<Integer, Tally> served) {
    out.println("baseline: " + description);
    out.printf("%11s %9s %13s %8s %8s%n", "batch", "items/s", "items/cpu-s", "p50 ms", "p99 ms");
    List<JsonObject> runs = new ArrayList<>();
    batches.forEach((batch, tally) -> {
      out.printf(Locale.ROOT, "%11d %9.2f %13.2f %8.1f %8.1f%n", batch, tally.itemsPerSecond(),
          tally.itemsPerCpuSecond(), tally.percentileMillis(50), tally.percentileMillis(99));
      runs.add(new JsonObject().add("batch_size", batch)
          .add("items_per_second", tally.itemsPerSecond())
          .add("items_per_cpu_second", tally.itemsPerCpuSecond())
          .add("p50_ms", tally.percentileMillis(50)).add("p99_ms", tally.percentileMillis(99)));
    });
    var best = batches.entrySet().stream()
        .max(Comparator.comparingDouble(e -> e.getValue().itemsPerSecond())).orElseThrow();
    Tally one = batches.values().iterator().next();
    double spread = one.percentileMillis(99) - one.percentileMillis(50);
    out.printf(Locale.ROOT,
        "best batch %d: %.2f items/s; bare encoder spread at batch %d: p99 - p50 = %.1f ms%n",
        best.getKey(), best.getValue().itemsPerSecond(), batches.keySet().iterator().next(),
        spread);
    List<JsonObject> ratios = new ArrayList<>();
    double bestPerCpu =
        batches.values().stream().mapToDouble(Tally::itemsPerCpuSecond).max().orElseThrow();
    served.forEach((concurrency, tally) -> {
      double ratio = tally.itemsPerSecond() / best.getValue().itemsPerSecond();
      double perCpu = tally.itemsPerCpuSecond() / bestPerCpu;
      out.printf(Locale.ROOT, "served / baseline at concurrency %d: %.3f%s%n", concurrency, ratio,
          Double.isNaN(perCpu)
              ? "" : String.format(Locale.ROOT, " (per CPU second: %.3f)", perCpu));
      ratios.add(new JsonObject().add("concurrency", concurrency).add("served_over_baseline", ratio)
          .add("served_over_baseline_per_cpu_second", perCpu));
    });
    out.flush();
    return new JsonObject().add("description", Json.quote(description))
        .add("best_batch_size", best.getKey())
        .add("best_items_per_second", best.getValue().itemsPerSecond())
        .add("smallest_batch_spread_ms", spread)
        .add("batches", JsonObject.array(runs))
        .add("ratios", JsonObject.array(ratios));
  }

  /** Prints the paired light-load figures; returns the same as JSON. */
  static JsonObject printLightLoad(PrintWriter out, PairedLightLoad pairs) {
    Tally served = pairs.served();
    Tally bare = pairs.bare();
    out.printf(Locale.ROOT, "light load, one call at a time, %d served requests paired with %d"
        + " bare encoder calls at batch 1:%n", served.requests(), bare.requests());
    out.printf(Locale.ROOT, "  served: p50 %.1f ms, p99 %.1f ms, p99 - p50 %.1f ms (%d errors)%n",
        served.percentileMillis(50), served.percentileMillis(99),
        PairedLightLoad.spreadMillis(served), served.errors());
    out.printf(Locale.ROOT, "  bare encoder: p50 %.1f ms, p99 %.1f ms, p99 - p50 %.1f ms%n",
        bare.percentileMillis(50), bare.percentileMillis(99), PairedLightLoad.spreadMillis(bare));
    out.printf(Locale.ROOT, "  spread added by serving: %.1f ms%n", pairs.spreadAddedMillis());
    out.flush();
    return new JsonObject().add("pairs", bare.requests()).add("served_errors", served.errors())
        .add("served_p50_ms", served.percentileMillis(50))
        .add("served_p99_ms", served.percentileMillis(99))
        .add("bare_p50_ms", bare.percentileMillis(50))
        .add("bare_p99_ms", bare.percentileMillis(99))
        .add("spread_added_ms", pairs.spreadAddedMillis());
  }
}
