package io.clipserve.server.api;

import io.clipserve.server.ServingException;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Admits calls and counts those in flight, so that shutdown can drain them: once
 * {@link #close() closed} it refuses new calls with UNAVAILABLE saying the server is shutting
 * down, tells open streams to end after answering what they took in, and {@link #awaitIdle}
 * returns when the last admitted call has completed or was cancelled. Health and reflection calls
 * are neither counted nor refused: probes keep getting answers (NOT_SERVING) while the server
 * drains. HTTP calls enter through {@link #admit}. Thread-safe; gRPC threads call
 * {@link #interceptCall}, HTTP threads {@link #admit}, the shutdown thread the rest.
 */
@Singleton
public final class CallGate implements ServerInterceptor {
  static final String SHUTTING_DOWN = "the server is shutting down";
  private static final Set<String> ALWAYS_OPEN = Set.of(HealthGrpc.SERVICE_NAME,
      "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

  private final Set<Runnable> streamEnders = ConcurrentHashMap.newKeySet();
  private int inFlight;
  private boolean closed;

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    if (ALWAYS_OPEN.contains(call.getMethodDescriptor().getServiceName())) {
      return next.startCall(call, headers);
    }
    if (!enter()) {
      call.close(GrpcErrors.toStatus(ServingException.unavailable(
          SHUTTING_DOWN + ": new calls are refused while those in flight finish")), new Metadata());
      return new ServerCall.Listener<>() { };
    }
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(call, headers);
    } catch (RuntimeException | Error e) {
      leave();
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } finally {
          leave();
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } finally {
          leave();
        }
      }
    };
  }

  /**
   * Admits a call that came another way (HTTP) as {@link #interceptCall} admits gRPC calls:
   * counted in flight until its future completes, refused with UNAVAILABLE once closed.
   *
   * @throws ServingException UNAVAILABLE when the server is shutting down
   */
  public <T> CompletableFuture<T> admit(Supplier<CompletableFuture<T>> call) {
    if (!enter()) {
      throw ServingException.unavailable(
          SHUTTING_DOWN + ": new calls are refused while those in flight finish");
    }
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException | Error e) {
      leave();
      throw e;
    }
    future.whenComplete((value, error) -> leave());
    return future;
  }

  /**
   * Registers what ends an open stream at shutdown; runs it at once when already closed. The
   * stream removes it with {@link #forget} when it ends.
   */
  void onClose(Runnable endStream) {
    streamEnders.add(endStream);
    if (isClosed()) {
      endStream.run();
    }
  }

  void forget(Runnable endStream) {
    streamEnders.remove(endStream);
  }

  /** Refuses new calls from now on and asks open streams to end. */
  public void close() {
    synchronized (this) {
      closed = true;
    }
    streamEnders.forEach(Runnable::run);
  }

  /** The calls admitted and not yet completed or cancelled. */
  public synchronized int inFlight() {
    return inFlight;
  }

  /**
   * Waits until no admitted call is in flight, at most until {@code deadlineNanos}
   * ({@link System#nanoTime()}).
   *
   * @return whether every call finished in time
   */
  public synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
    while (inFlight > 0) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized boolean enter() {
    if (closed) {
      return false;
    }
    inFlight++;
    return true;
  }

  private synchronized void leave() {
    if (--inFlight == 0) {
      notifyAll();
    }
  }
}
