package io.clipserve.server.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Answers a unary call from a future: its value, or the status its failure maps to. Whatever the
 * work throws (an Error such as OutOfMemoryError included) is answered, never left to escape
 * onto the gRPC thread.
 */
final class UnaryCalls {
  private UnaryCalls() {}

  static <T> void answer(StreamObserver<T> observer, Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> future;
    try {
      future = work.get();
    } catch (Throwable e) {
      observer.onError(GrpcErrors.toStatus(e).asRuntimeException());
      return;
    }
    future.whenComplete((value, error) -> {
      if (observer instanceof ServerCallStreamObserver<T> call && call.isCancelled()) {
        return;
      }
      if (error != null) {
        observer.onError(GrpcErrors.toStatus(error).asRuntimeException());
      } else {
        observer.onNext(value);
        observer.onCompleted();
      }
    });
  }
}
