package io.clipserve.server.api;

import io.clipserve.server.ServingException;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The inputs one connection has admitted and not yet seen encoded, over all its calls, bounded by
 * {@code clipserve.grpc.max-queued-items-per-connection}, so that one client (many streams, or
 * streams it never reads) cannot fill the encoder queues every client shares. A request larger
 * than the bound on its own is admitted while its connection has nothing else in flight.
 *
 * <p>One per connection, made by {@link #filter}'s transport filter; calls find theirs through
 * {@link #current()} (the interceptor puts it in the call's context). Thread-safe.
 */
final class ConnectionQuota {
  private static final Attributes.Key<ConnectionQuota> ATTRIBUTE =
      Attributes.Key.create("clipserve.connection-quota");
  private static final Context.Key<ConnectionQuota> CONTEXT =
      Context.key("clipserve.connection-quota");
  /** Calls that did not come through a connection (in-process servers in tests). */
  private static final ConnectionQuota UNBOUNDED = new ConnectionQuota(Integer.MAX_VALUE);

  private final int limit;
  private int inFlight;

  private ConnectionQuota(int limit) {
    this.limit = limit;
  }

  /** Gives each new connection a quota of {@code limit} inputs. */
  static ServerTransportFilter filter(int limit) {
    return new ServerTransportFilter() {
      @Override
      public Attributes transportReady(Attributes attributes) {
        return attributes.toBuilder().set(ATTRIBUTE, new ConnectionQuota(limit)).build();
      }
    };
  }

  /** Puts the call's connection quota in its context, for {@link #current()}. */
  static ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
          ServerCallHandler<Q, A> next) {
        ConnectionQuota quota = call.getAttributes().get(ATTRIBUTE);
        return Contexts.interceptCall(Context.current().withValue(CONTEXT,
            quota == null ? UNBOUNDED : quota), call, headers, next);
      }
    };
  }

  /** The quota of the connection of the call being handled on this thread. */
  static ConnectionQuota current() {
    ConnectionQuota quota = CONTEXT.get();
    return quota == null ? UNBOUNDED : quota;
  }

  /**
   * Runs {@code work} for {@code items} inputs if the connection has room for them, and gives
   * the room back when its future completes (or {@code work} throws).
   *
   * @throws ServingException RESOURCE_EXHAUSTED naming the setting when there is no room
   */
  <T> CompletableFuture<T> admit(int items, Supplier<CompletableFuture<T>> work) {
    take(items);
    CompletableFuture<T> future;
    try {
      future = work.get();
    } catch (RuntimeException | Error e) {
      give(items);
      throw e;
    }
    future.whenComplete((value, error) -> give(items));
    return future;
  }

  private synchronized void take(int items) {
    if (inFlight > 0 && inFlight + items > limit) {
      throw ServingException.resourceExhausted("this connection already has " + inFlight
          + " inputs in flight; " + items + " more would pass "
          + "clipserve.grpc.max-queued-items-per-connection (" + limit + ")");
    }
    inFlight += items;
  }

  private synchronized void give(int items) {
    inFlight -= items;
  }
}
