package io.clipserve.server.api;

import io.clipserve.server.service.InputQuota;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;

/**
 * Gives each gRPC connection its {@link InputQuota}: made by {@link #filter}'s transport filter,
 * put in each call's context by {@link #interceptor()}, found by {@link #current()}. Stateless.
 */
final class ConnectionQuota {
  private static final Attributes.Key<InputQuota> ATTRIBUTE =
      Attributes.Key.create("clipserve.connection-quota");
  private static final Context.Key<InputQuota> CONTEXT =
      Context.key("clipserve.connection-quota");

  private ConnectionQuota() {}

  /** Gives each new connection a quota of {@code limit} inputs. */
  static ServerTransportFilter filter(int limit) {
    return new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes attributes) {
        return attributes.toBuilder().set(ATTRIBUTE, new InputQuota(limit)).build();
      }
    };
  }

  /** Puts the call's connection quota in its context, for {@link #current()}. */
  static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        InputQuota quota = call.getAttributes().get(ATTRIBUTE);
        return Contexts.interceptCall(Context.current().withValue(CONTEXT,
            quota == null ? InputQuota.UNBOUNDED : quota), call, headers, next);
      }
    };
  }

  /** The quota of the connection of the call being handled on this thread. */
  static InputQuota current() {
    InputQuota quota = CONTEXT.get();
    return quota == null ? InputQuota.UNBOUNDED : quota;
  }
}
