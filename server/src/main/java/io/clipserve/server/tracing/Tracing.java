package io.clipserve.server.tracing;

import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tracer, when {@code clipserve.tracing.otlp-endpoint} names an OTLP/HTTP traces endpoint
 * (e.g. {@code http://collector:4318/v1/traces}): spans are batched and exported by the SDK's
 * own thread; {@link #close()} at shutdown exports what is left. Unset: {@link #tracer()} is
 * empty and nothing runs. Thread-safe.
 */
@Singleton
public final class Tracing implements AutoCloseable {
  static final String ENDPOINT = "clipserve.tracing.otlp-endpoint";

  private final SdkTracerProvider provider;

  public Tracing(@Value("${" + ENDPOINT + ":}") String endpoint) {
    provider = endpoint.isBlank() ? null : SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "clipserve"))))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter(endpoint)).build())
        .build();
  }

  /** The tracer; empty when tracing is off. */
  public Optional<Tracer> tracer() {
    return Optional.ofNullable(provider).map(p -> p.get("io.clipserve.server"));
  }

  private static OtlpHttpSpanExporter exporter(String endpoint) {
    String scheme;
    try {
      scheme = URI.create(endpoint).getScheme();
    } catch (IllegalArgumentException e) {
      scheme = null;
    }
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(ENDPOINT + " must be an http or https URL of an OTLP"
          + " traces endpoint (e.g. http://collector:4318/v1/traces), not '" + endpoint + "'");
    }
    return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
  }

  /** Exports the spans not yet sent (waiting at most 10 s) and stops the exporter. */
  @PreDestroy
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
