package io.clipserve.bench;

import io.clipserve.client.ClientStream;
import io.clipserve.client.ClipServeClient;
import io.clipserve.client.StreamListener;
import io.clipserve.client.StreamOptions;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.grpc.Status;
import java.util.concurrent.CompletableFuture;

/**
 * One closed-loop client's way of making a call: a unary {@code Embed}, or a message on its own
 * {@code EmbedStream}. A caller has at most one call in flight; {@link #close()} ends its stream.
 */
public interface Caller extends AutoCloseable {

  /** Sends {@code request}; the future completes when it is answered, or fails with the error. */
  CompletableFuture<?> call(EmbedRequest request);

  @Override
  default void close() {
  }

  /** Makes the callers of one mode. */
  enum Mode {
    UNARY, STREAM;

    public Caller open(ClipServeClient client) {
      return this == UNARY ? request -> client.async().embed(request) : new StreamCaller(client);
    }
  }

  /** A caller whose calls are the messages of one EmbedStream, one in flight at a time. */
  final class StreamCaller implements Caller, StreamListener<EmbedRequest, EmbedResponse> {
    private final ClientStream<EmbedRequest, EmbedResponse> stream;
    private volatile CompletableFuture<Void> pending;

    StreamCaller(ClipServeClient client) {
      stream = client.embedStream(StreamOptions.ordered().window(1), this);
    }

    @Override
    public CompletableFuture<?> call(EmbedRequest request) {
      CompletableFuture<Void> answer = new CompletableFuture<>();
      pending = answer;
      stream.sendAsync(request).exceptionally(error -> {
        answer.completeExceptionally(error);
        return null;
      });
      return answer;
    }

    @Override
    public void onResponse(EmbedRequest request, EmbedResponse response) {
      pending.complete(null);
    }

    @Override
    public void onMessageError(EmbedRequest request, Status error) {
      pending.completeExceptionally(error.asRuntimeException());
    }

    @Override
    public void onError(Throwable error) {
      CompletableFuture<Void> last = pending;
      if (last != null) {
        last.completeExceptionally(error);
      }
    }

    @Override
    public void close() {
      stream.complete();
    }
  }
}
