package io.clipserve.server.metrics;

import io.clipserve.server.registry.ModelRegistry;
import io.micronaut.context.annotation.Factory;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;

/**
 * One registry per server (not the library's global one: tests run several servers in one JVM),
 * holding the JVM and process collectors, {@link EncoderMetrics} and {@link ModelStateMetrics}.
 */
@Factory
public class MetricsRegistryFactory {

  @Singleton
  public PrometheusRegistry registry(ModelRegistry models) {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    registry.register(new EncoderMetrics(models));
    ModelStateMetrics.register(registry, models);
    return registry;
  }
}
