package io.clipserve.server.metrics;

import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.batching.EncoderStatistics;
import io.clipserve.server.registry.LoadedVersion;
import io.clipserve.server.registry.ModelRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Per encoder of every READY version, labelled {@code model}, {@code version}, {@code encoder}:
 * the {@link EncoderStatistics} counters (named as before the metrics library, for dashboards
 * and autoscalers that read them), its queue, compute and batch-size histograms, and the queue
 * length. Read from the batchers at each scrape; a version that stops serving leaves the page.
 * Any thread.
 */
final class EncoderMetrics implements MultiCollector {
  private final ModelRegistry models;

  EncoderMetrics(ModelRegistry models) {
    this.models = models;
  }

  /** One encoder of one served version, with its labels. */
  private record Served(Labels labels, DynamicBatcher batcher) {
    EncoderStatistics statistics() {
      return batcher.statistics();
    }
  }

  @Override
  public MetricSnapshots collect() {
    List<Served> encoders = new ArrayList<>();
    for (LoadedVersion v : models.readyVersions()) {
      v.image().ifPresent(p -> encoders.add(served(v, "image", p.batcher())));
      v.text().ifPresent(p -> encoders.add(served(v, "text", p.batcher())));
    }
    return MetricSnapshots.of(
        counter("clipserve_requests", "Calls that reached an encoder.", encoders,
            EncoderStatistics::requests),
        counter("clipserve_items", "Items those calls carried.", encoders,
            EncoderStatistics::items),
        counter("clipserve_failures", "Items that failed or were dropped.", encoders,
            EncoderStatistics::failures),
        counter("clipserve_queue_seconds", "Time items waited for a batch.", encoders,
            s -> s.queueNanos() / 1e9),
        counter("clipserve_compute_seconds", "Time of the executions items were in.", encoders,
            s -> s.computeNanos() / 1e9),
        executions(encoders),
        histogram("clipserve_encoder_queue_duration_seconds",
            "Per item: time from queued to the start of its batch.", encoders,
            EncoderStatistics::queueSeconds),
        histogram("clipserve_encoder_compute_duration_seconds",
            "Per execution: time to write its rows and run the encoder.", encoders,
            EncoderStatistics::computeSeconds),
        histogram("clipserve_encoder_batch_size", "Per execution: items in the batch.", encoders,
            EncoderStatistics::batchSizes),
        queueLength(encoders));
  }

  private static Served served(LoadedVersion v, String encoder, DynamicBatcher batcher) {
    return new Served(Labels.of("model", v.name(), "version", Long.toString(v.version()),
        "encoder", encoder), batcher);
  }

  private static CounterSnapshot counter(String name, String help, List<Served> encoders,
      ToDoubleFunction<EncoderStatistics> value) {
    CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(help);
    for (Served e : encoders) {
      family.dataPoint(CounterDataPointSnapshot.builder()
          .labels(e.labels()).value(value.applyAsDouble(e.statistics())).build());
    }
    return family.build();
  }

  private static CounterSnapshot executions(List<Served> encoders) {
    CounterSnapshot.Builder family = CounterSnapshot.builder()
        .name("clipserve_batch_executions").help("Executions per batch size.");
    for (Served e : encoders) {
      EncoderStatistics s = e.statistics();
      for (int size = 1; size <= s.maxBatchSize(); size++) {
        if (s.executions(size) > 0) {
          family.dataPoint(CounterDataPointSnapshot.builder()
              .labels(e.labels().add("batch_size", Integer.toString(size)))
              .value(s.executions(size)).build());
        }
      }
    }
    return family.build();
  }

  /** The batcher's unlabelled histogram with this encoder's labels. */
  private static HistogramSnapshot histogram(String name, String help, List<Served> encoders,
      Function<EncoderStatistics, HistogramSnapshot> histogram) {
    HistogramSnapshot.Builder family = HistogramSnapshot.builder().name(name).help(help);
    for (Served e : encoders) {
      for (HistogramDataPointSnapshot point : histogram.apply(e.statistics()).getDataPoints()) {
        family.dataPoint(HistogramDataPointSnapshot.builder().labels(e.labels())
            .classicHistogramBuckets(point.getClassicBuckets()).sum(point.getSum()).build());
      }
    }
    return family.build();
  }

  private static GaugeSnapshot queueLength(List<Served> encoders) {
    GaugeSnapshot.Builder family = GaugeSnapshot.builder().name("clipserve_encoder_queue_length")
        .help("Items reserved in the queue and not yet taken into a batch.");
    for (Served e : encoders) {
      family.dataPoint(GaugeDataPointSnapshot.builder()
          .labels(e.labels()).value(e.batcher().queueLength()).build());
    }
    return family.build();
  }
}
