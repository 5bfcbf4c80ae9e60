package io.clipserve.server.metrics;

import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.registry.ModelRegistry;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * {@code clipserve_model_state{model,version,state}}: for every version the registry knows, 1 for
 * the state it is in and 0 for each other state, so that alerts can say
 * {@code clipserve_model_state{state="FAILED"} == 1}. Read at scrape time.
 */
final class ModelStateMetrics {
  private static final List<State> STATES = Arrays.stream(State.values())
      .filter(s -> s != State.UNRECOGNIZED && s != State.STATE_UNSPECIFIED).toList();

  private ModelStateMetrics() {}

  static void register(PrometheusRegistry registry, ModelRegistry models) {
    GaugeWithCallback.builder()
        .name("clipserve_model_state")
        .help("1 for the state each model version is in, 0 for the others.")
        .labelNames("model", "version", "state")
        .callback(callback -> {
          for (ModelInfo model : models.list()) {
            for (VersionInfo v : model.getVersionsList()) {
              for (State state : STATES) {
                callback.call(v.getState() == state ? 1 : 0,
                    model.getName(), Long.toString(v.getVersion()), state.name());
              }
            }
          }
        })
        .register(registry);
  }
}
