package io.clipserve.server.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Counts and times every HTTP request: {@code clipserve_http_requests_total{method,route,status}}
 * and {@code clipserve_http_request_duration_seconds{method,route}}. {@code route} is the matched
 * route's template ({@code unmatched} when none matched), never the raw path, and {@code method}
 * is {@code CUSTOM} for a method HTTP does not define, so clients cannot create series. Ordered
 * before {@link BearerTokenFilter}, so refused requests count too. Any thread.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-100)
public class HttpMetricsFilter {
  private static final String STARTED = "clipserve.metrics.started";

  private final Counter requests;
  private final Histogram duration;

  public HttpMetricsFilter(PrometheusRegistry registry) {
    requests = Counter.builder().name("clipserve_http_requests_total")
        .help("HTTP requests by method, matched route and status code.")
        .labelNames("method", "route", "status").register(registry);
    duration = Histogram.builder().name("clipserve_http_request_duration_seconds")
        .help("HTTP requests' time from routed to response.")
        .labelNames("method", "route").classicOnly().register(registry);
  }

  @RequestFilter
  public void start(HttpRequest<?> request) {
    request.setAttribute(STARTED, System.nanoTime());
  }

  @ResponseFilter
  public void record(HttpRequest<?> request, HttpResponse<?> response) {
    String method = request.getMethod().name();
    String route = BasicHttpAttributes.getUriTemplate(request).orElse("unmatched");
    requests.labelValues(method, route, Integer.toString(response.code())).inc();
    request.getAttribute(STARTED, Long.class).ifPresent(started ->
        duration.labelValues(method, route).observe((System.nanoTime() - started) / 1e9));
  }
}
