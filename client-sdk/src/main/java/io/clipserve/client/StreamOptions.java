package io.clipserve.client;

import java.time.Duration;
import java.util.Optional;

/**
 * How a stream from {@link ClipServeClient#embedStream} or {@link ClipServeClient#similarityStream}
 * behaves: whether answers reach the listener in the order the messages were sent, how many
 * messages may be sent and not yet answered (the window), and the deadline of the whole stream.
 *
 * <pre>{@code StreamOptions.ordered().window(32)}</pre>
 *
 * <p>Immutable and thread-safe. Streams have no deadline unless {@link #deadline} sets one: a
 * stream lives as long as its caller feeds it, unlike a unary call.
 */
public final class StreamOptions {

  /** Messages sent and not yet answered, unless {@link #window} says otherwise. */
  public static final int DEFAULT_WINDOW = 32;

  private final boolean ordered;
  private final int window;
  private final Duration deadline; // null: none

  private StreamOptions(boolean ordered, int window, Duration deadline) {
    this.ordered = ordered;
    this.window = window;
    this.deadline = deadline;
  }

  /** Answers reach the listener in the order the messages were sent. */
  public static StreamOptions ordered() {
    return new StreamOptions(true, DEFAULT_WINDOW, null);
  }

  /** Answers reach the listener as they arrive (the server answers in completion order). */
  public static StreamOptions asTheyCome() {
    return new StreamOptions(false, DEFAULT_WINDOW, null);
  }

  /** At most {@code messages} sent and not yet handed to the listener; at least 1. */
  public StreamOptions window(int messages) {
    if (messages < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + messages);
    }
    return new StreamOptions(ordered, messages, deadline);
  }

  /** The whole stream fails with DEADLINE_EXCEEDED once {@code deadline} has passed. */
  public StreamOptions deadline(Duration deadline) {
    return new StreamOptions(ordered, window, ClipServeClientBuilder.positive(deadline));
  }

  public boolean isOrdered() {
    return ordered;
  }

  public int window() {
    return window;
  }

  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }
}
