package io.clipserve.client;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link ClipServeClient}; get one from {@link ClipServeClient#builder()}.
 * Not thread-safe: configure on one thread, then {@link #build()}.
 */
public final class ClipServeClientBuilder {

  /** Where the client connects unless told otherwise: the server's default gRPC port. */
  public static final String DEFAULT_TARGET = "localhost:8001";
  /** The deadline of each call unless told otherwise. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  /** The largest response accepted unless told otherwise: the server's own inbound limit. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 64 * 1024 * 1024;

  private String target = DEFAULT_TARGET;
  private ChannelCredentials credentials = InsecureChannelCredentials.create();
  private int maxInboundMessageSize = DEFAULT_MAX_INBOUND_MESSAGE_SIZE;
  private Duration deadline = DEFAULT_DEADLINE;
  private Channel channel;

  ClipServeClientBuilder() {
  }

  /** The server as a gRPC target: {@code host:port}, or a URI such as {@code dns:///host:port}. */
  public ClipServeClientBuilder target(String target) {
    this.target = Objects.requireNonNull(target, "target");
    return this;
  }

  /** Channel credentials: plaintext by default, {@code TlsChannelCredentials.create()} for TLS. */
  public ClipServeClientBuilder credentials(ChannelCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return this;
  }

  /** The largest response message accepted, in bytes. */
  public ClipServeClientBuilder maxInboundMessageSize(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("max inbound message size must be > 0, got " + bytes);
    }
    this.maxInboundMessageSize = bytes;
    return this;
  }

  /** The deadline every call gets, counted from when the call starts; must be positive. */
  public ClipServeClientBuilder deadline(Duration deadline) {
    this.deadline = positive(deadline);
    return this;
  }

  /** Calls get no deadline: they wait for the server as long as it takes. */
  public ClipServeClientBuilder noDeadline() {
    this.deadline = null;
    return this;
  }

  /**
   * Uses the caller's channel instead of making one: target, credentials and message size are
   * then ignored, and the client never shuts the channel down.
   */
  public ClipServeClientBuilder channel(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    return this;
  }

  /** The client; it owns (and closes) the channel it makes, unless {@link #channel} gave one. */
  public ClipServeClient build() {
    if (channel != null) {
      return new ClipServeClient(new Stubs(channel, deadline), null);
    }
    ManagedChannel owned = Grpc.newChannelBuilder(target, credentials)
        .maxInboundMessageSize(maxInboundMessageSize)
        .build();
    return new ClipServeClient(new Stubs(owned, deadline), owned);
  }

  static Duration positive(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    return deadline;
  }
}
