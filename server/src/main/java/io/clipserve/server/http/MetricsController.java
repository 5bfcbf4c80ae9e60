package io.clipserve.server.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code /metrics}: the server's metrics registry in the format the {@code Accept} header asks
 * for, written by the metrics library: OpenMetrics text for {@code application/openmetrics-text},
 * else Prometheus text 0.0.4. Any thread.
 */
@Controller("/metrics")
public class MetricsController {
  private final PrometheusRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init();

  public MetricsController(PrometheusRegistry registry) {
    this.registry = registry;
  }

  @Get
  @Produces({"text/plain", "application/openmetrics-text"})
  public HttpResponse<byte[]> metrics(@Header(HttpHeaders.ACCEPT) @Nullable String accept)
      throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(accept);
    ByteArrayOutputStream page = new ByteArrayOutputStream();
    writer.write(page, registry.scrape());
    return HttpResponse.ok(page.toByteArray())
        .header(HttpHeaders.CONTENT_TYPE, writer.getContentType());
  }
}
