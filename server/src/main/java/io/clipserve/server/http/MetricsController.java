package io.clipserve.server.http;

import io.clipserve.server.batching.EncoderStatistics;
import io.clipserve.server.registry.LoadedVersion;
import io.clipserve.server.registry.ModelRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** {@code /metrics}: per model, version and encoder counters in Prometheus text format 0.0.4. */
@Controller("/metrics")
public class MetricsController {
  private final ModelRegistry registry;

  public MetricsController(ModelRegistry registry) {
    this.registry = registry;
  }

  @Get
  @Produces("text/plain; version=0.0.4")
  public String metrics() {
    PrometheusText text = new PrometheusText();
    text.help("clipserve_requests_total", "counter", "Calls that reached an encoder.");
    text.help("clipserve_items_total", "counter", "Items those calls carried.");
    text.help("clipserve_failures_total", "counter", "Items that failed or were dropped.");
    text.help("clipserve_queue_seconds_total", "counter", "Time items waited for a batch.");
    text.help("clipserve_compute_seconds_total", "counter", "Time of the executions items were in.");
    text.help("clipserve_batch_executions_total", "counter", "Executions per batch size.");
    for (LoadedVersion v : registry.readyVersions()) {
      v.image().ifPresent(p -> encoder(text, v, "image", p.batcher().statistics()));
      v.text().ifPresent(p -> encoder(text, v, "text", p.batcher().statistics()));
    }
    return text.toString();
  }

  private static void encoder(PrometheusText text, LoadedVersion v, String kind, EncoderStatistics s) {
    String labels = "model=\"" + v.name() + "\",version=\"" + v.version() + "\",encoder=\"" + kind + "\"";
    text.sample("clipserve_requests_total", labels, s.requests());
    text.sample("clipserve_items_total", labels, s.items());
    text.sample("clipserve_failures_total", labels, s.failures());
    text.sample("clipserve_queue_seconds_total", labels, s.queueNanos() / 1e9);
    text.sample("clipserve_compute_seconds_total", labels, s.computeNanos() / 1e9);
    for (int size = 1; size <= s.maxBatchSize(); size++) {
      if (s.executions(size) > 0) {
        text.sample("clipserve_batch_executions_total", labels + ",batch_size=\"" + size + "\"", s.executions(size));
      }
    }
  }
}
