package io.clipserve.server.api;

import io.clipserve.server.registry.ModelRegistry;
import io.clipserve.server.tracing.Tracing;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts, times and (when {@link Tracing} is on) traces every gRPC call, as the outermost
 * interceptor, so calls refused at shutdown or for a token count too.
 *
 * <p>Metrics: {@code clipserve_grpc_requests_total{service,method,model,version,code}} and
 * {@code clipserve_grpc_request_duration_seconds{service,method,model,version}}, from the call's
 * start to its status (a stream's whole life). {@code model} is the one the first request message
 * names when the registry knows it, {@code unknown} when it does not (made-up names create no
 * series), "" when the call names none; {@code version} is the one that answered, else the one
 * asked for when the registry knows it, else "". A call cancelled by its client counts as
 * CANCELLED.
 *
 * <p>Traces: one SERVER span {@code service/method} per call, child of the W3C
 * {@code traceparent} the client sent, with the {@code rpc.*} attributes, the model and version
 * as above, and status ERROR unless the call ended OK. Thread-safe: gRPC threads call it.
 */
@Singleton
public final class GrpcTelemetry implements ServerInterceptor {
  private static final TextMapGetter<Metadata> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Metadata headers) {
      return headers.keys();
    }

    @Override
    public String get(Metadata headers, String key) {
      return headers == null ? null
          : headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  };

  private final ModelRegistry registry;
  private final Optional<Tracer> tracer;
  private final Counter requests;
  private final Histogram duration;

  public GrpcTelemetry(ModelRegistry registry, PrometheusRegistry metrics, Tracing tracing) {
    this.registry = registry;
    this.tracer = tracing.tracer();
    requests = Counter.builder().name("clipserve_grpc_requests_total")
        .help("gRPC calls by service, method, model, version and status code.")
        .labelNames("service", "method", "model", "version", "code").register(metrics);
    duration = Histogram.builder().name("clipserve_grpc_request_duration_seconds")
        .help("gRPC calls' time from start to status; a stream's whole life.")
        .labelNames("service", "method", "model", "version").classicOnly().register(metrics);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    Observed observed = new Observed(call.getMethodDescriptor().getServiceName(),
        call.getMethodDescriptor().getBareMethodName(), headers);
    ServerCall<Q, A> counted = new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(A message) {
        observed.answered(message);
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        observed.end(status.getCode());
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(counted, headers)) {
      @Override
      public void onMessage(Q message) {
        observed.asked(message);
        super.onMessage(message);
      }

      @Override
      public void onCancel() {
        observed.end(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  /** One call's labels as its messages reveal them; recorded once, at its end. */
  private final class Observed {
    private final String service;
    private final String method;
    private final long started = System.nanoTime();
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String model = "";
    private volatile long askedVersion;
    private volatile long answeredVersion;

    Observed(String service, String method, Metadata headers) {
      this.service = service;
      this.method = method == null ? "" : method;
      span = tracer.map(t -> t.spanBuilder(service + "/" + this.method)
          .setSpanKind(SpanKind.SERVER)
          .setParent(W3CTraceContextPropagator.getInstance()
              .extract(Context.root(), headers, HEADERS))
          .setAttribute("rpc.system", "grpc")
          .setAttribute("rpc.service", service)
          .setAttribute("rpc.method", this.method)
          .startSpan()).orElse(Span.getInvalid());
    }

    void asked(Object request) {
      if (model.isEmpty()) {
        String name = RequestedModel.name(request);
        askedVersion = RequestedModel.version(request);
        model = name.isEmpty() || registry.knows(name) ? name : "unknown";
      }
    }

    void answered(Object response) {
      if (answeredVersion == 0) {
        answeredVersion = RequestedModel.version(response);
      }
    }

    void end(Status.Code code) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      String version = answeredVersion != 0 ? Long.toString(answeredVersion)
          : askedVersion != 0 && registry.knows(model, askedVersion)
              ? Long.toString(askedVersion) : "";
      requests.labelValues(service, method, model, version, code.name()).inc();
      duration.labelValues(service, method, model, version)
          .observe((System.nanoTime() - started) / 1e9);
      span.setAttribute("rpc.grpc.status_code", code.value());
      span.setAttribute("clipserve.model", model);
      span.setAttribute("clipserve.model_version", version);
      if (code != Status.Code.OK) {
        span.setStatus(StatusCode.ERROR, code.name());
      }
      span.end();
    }
  }
}
