package io.clipserve.server.api;

import io.clipserve.server.registry.ModelRegistry;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts and times every gRPC call, the outermost interceptor (calls refused at shutdown or for a
 * token count too): {@code clipserve_grpc_requests_total{service,method,model,version,code}} and
 * {@code clipserve_grpc_request_duration_seconds{service,method,model,version}}, from the call's
 * start to its status (a stream's whole life). {@code model} is the one the first request message
 * names when the registry knows it, {@code unknown} when it does not (made-up names create no
 * series), "" when the call names none; {@code version} is the one that answered, else the one
 * asked for when the registry knows it, else "". A call cancelled by its client counts as
 * CANCELLED. Thread-safe: gRPC threads call it.
 */
@Singleton
public final class GrpcMetrics implements ServerInterceptor {
  private final ModelRegistry registry;
  private final Counter requests;
  private final Histogram duration;

  public GrpcMetrics(ModelRegistry registry, PrometheusRegistry metrics) {
    this.registry = registry;
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
    Measured measured = new Measured(call.getMethodDescriptor().getServiceName(),
        call.getMethodDescriptor().getBareMethodName(), System.nanoTime());
    ServerCall<Q, A> counted = new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(A message) {
        measured.answered(message);
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        measured.end(status.getCode());
        super.close(status, trailers);
      }
    };
    return new SimpleForwardingServerCallListener<>(next.startCall(counted, headers)) {
      @Override
      public void onMessage(Q message) {
        measured.asked(message);
        super.onMessage(message);
      }

      @Override
      public void onCancel() {
        measured.end(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  /** One call's labels as its messages reveal them; recorded once, at its end. */
  private final class Measured {
    private final String service;
    private final String method;
    private final long started;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String model = "";
    private volatile long askedVersion;
    private volatile long answeredVersion;

    Measured(String service, String method, long started) {
      this.service = service;
      this.method = method == null ? "" : method;
      this.started = started;
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
    }
  }
}
