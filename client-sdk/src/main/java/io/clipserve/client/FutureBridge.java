package io.clipserve.client;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Turns the future stub's {@link ListenableFuture}s into {@link CompletableFuture}s. */
final class FutureBridge {

  private FutureBridge() {
  }

  /**
   * A future that completes with {@code convert} of the call's response, or exceptionally with
   * the call's {@code StatusRuntimeException} itself (not wrapped). Cancelling it cancels the call.
   * It completes on the gRPC thread that receives the response.
   */
  static <T, R> CompletableFuture<R> bridge(ListenableFuture<T> call,
      Function<? super T, ? extends R> convert) {
    CompletableFuture<R> result = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        call.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    call.addListener(() -> complete(call, convert, result), Runnable::run);
    return result;
  }

  private static <T, R> void complete(ListenableFuture<T> call,
      Function<? super T, ? extends R> convert,
      CompletableFuture<R> result) {
    try {
      result.complete(convert.apply(call.get()));
    } catch (ExecutionException e) {
      result.completeExceptionally(e.getCause());
    } catch (CancellationException e) {
      result.cancel(false);
    } catch (InterruptedException e) {
      // Unreachable: the listener runs only once the call is done, so get() does not wait.
      Thread.currentThread().interrupt();
      result.completeExceptionally(e);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }
}
