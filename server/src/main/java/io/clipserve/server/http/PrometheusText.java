package io.clipserve.server.http;

/** Builds a Prometheus text-format page. Not thread-safe: one per scrape. */
final class PrometheusText {
  private final StringBuilder headers = new StringBuilder();
  private final StringBuilder samples = new StringBuilder();

  void help(String name, String type, String help) {
    headers.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  void sample(String name, String labels, double value) {
    samples.append(name).append('{').append(labels).append("} ");
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      samples.append((long) value);
    } else {
      samples.append(value);
    }
    samples.append('\n');
  }

  @Override
  public String toString() {
    return headers.toString() + samples;
  }
}
