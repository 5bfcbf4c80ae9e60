package io.clipserve.client;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * Blocking client of a clipserve server; {@link #async()} gives the same calls as futures. The
 * calls are those of {@link EmbeddingCalls} and {@link ModelCalls}, plus streams and unloading.
 *
 * <p>Thread-safe and immutable: share one instance. Every call gets the client's deadline
 * ({@link ClipServeClientBuilder#deadline}, 30 s unless set); {@link #withDeadline} gives a view
 * with another. Failures throw {@link io.grpc.StatusRuntimeException} (see the package doc).
 * A client built from a target owns its channel and {@link #close()} shuts it down; one built over
 * a caller's channel ({@link #forChannel}) and views from {@link #withDeadline} own nothing.
 */
public final class ClipServeClient extends BlockingCalls implements AutoCloseable {

  private final ManagedChannel ownedChannel; // null: the channel belongs to someone else

  ClipServeClient(Stubs stubs, ManagedChannel ownedChannel) {
    super(stubs);
    this.ownedChannel = ownedChannel;
  }

  /** A builder; plaintext to {@code localhost:8001} with a 30 s deadline unless told otherwise. */
  public static ClipServeClientBuilder builder() {
    return new ClipServeClientBuilder();
  }

  /** A client over the caller's channel (for example an in-process one); the caller closes it. */
  public static ClipServeClient forChannel(Channel channel) {
    return builder().channel(channel).build();
  }

  /** A view whose calls get {@code deadline}; it shares the channel and never closes it. */
  public ClipServeClient withDeadline(Duration deadline) {
    Stubs timed = new Stubs(stubs.channel(), ClipServeClientBuilder.positive(deadline));
    return new ClipServeClient(timed, null);
  }

  /** The deadline each call gets, if any. */
  public Optional<Duration> deadline() {
    return stubs.deadline();
  }

  /** The channel, for the generated stubs (streaming RPCs, health, reflection). */
  public Channel channel() {
    return stubs.channel();
  }

  /** The same calls returning futures, with this client's channel and deadline. */
  public AsyncClipServeClient async() {
    return new AsyncClipServeClient(stubs);
  }

  /**
   * Opens an {@code EmbedStream}: send {@link EmbedRequest}s on the returned stream, answers go to
   * {@code listener} (see {@link ClientStream} for flow control and an example,
   * {@link StreamListener} for threads).
   */
  public ClientStream<EmbedRequest, EmbedResponse> embedStream(
      StreamOptions options, StreamListener<EmbedRequest, EmbedResponse> listener) {
    return ClientStream.open(stubs.embeddingStream(options.deadline()), StreamKind.EMBED,
        options, listener);
  }

  /**
   * Opens a {@code SimilarityStream}; candidates sent once stay for the stream, so later messages
   * may carry queries only. Otherwise as {@link #embedStream}.
   */
  public ClientStream<SimilarityRequest, SimilarityResponse> similarityStream(
      StreamOptions options, StreamListener<SimilarityRequest, SimilarityResponse> listener) {
    return ClientStream.open(stubs.embeddingStream(options.deadline()), StreamKind.SIMILARITY,
        options, listener);
  }

  /** Shuts down the channel this client owns, waiting up to 5 s for calls in flight. */
  @Override
  public void close() {
    if (ownedChannel != null) {
      ChannelShutdown.gracefully(ownedChannel);
    }
  }
}
