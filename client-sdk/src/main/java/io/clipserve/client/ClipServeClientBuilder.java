package io.clipserve.client;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
  private Path trustedCertificates;
  private Path clientCertificate;
  private Path clientKey;
  private BearerToken token;

  ClipServeClientBuilder() {
  }

  /**
   * The server as a gRPC target: {@code host:port}; several replicas as a comma list
   * {@code host1:port1,host2:port2,...} or a {@code dns:///name:port} name with several addresses,
   * balanced {@code round_robin} over the replicas whose gRPC health is SERVING; or any other gRPC
   * URI. Calls failing with UNAVAILABLE are retried with backoff, up to 5 attempts
   * (docs/scale-out.md).
   *
   * @throws IllegalArgumentException naming the entry of a comma list that is not host:port
   */
  public ClipServeClientBuilder target(String target) {
    this.target = ChannelTargets.checked(Objects.requireNonNull(target, "target"));
    return this;
  }

  /** Channel credentials: plaintext by default, {@code TlsChannelCredentials.create()} for TLS. */
  public ClipServeClientBuilder credentials(ChannelCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return this;
  }

  /**
   * TLS, trusting the CA certificates in a PEM file (the server's {@code --tls-cert-file} must be
   * signed by one of them); replaces {@link #credentials}.
   */
  public ClipServeClientBuilder tlsTrustedCertificates(Path caPem) {
    this.trustedCertificates = Objects.requireNonNull(caPem, "caPem");
    return this;
  }

  /**
   * TLS with this client certificate chain and its private key (PEM, PKCS#8), for servers that
   * require one ({@code --tls-client-ca-file}); replaces {@link #credentials}.
   */
  public ClipServeClientBuilder tlsClientCertificate(Path certificatePem, Path keyPem) {
    this.clientCertificate = Objects.requireNonNull(certificatePem, "certificatePem");
    this.clientKey = Objects.requireNonNull(keyPem, "keyPem");
    return this;
  }

  /**
   * Sends {@code authorization: Bearer <token>} with every call (admin or inference token);
   * surrounding blanks are trimmed. Use it over TLS: on plaintext anyone on the path reads it.
   */
  public ClipServeClientBuilder bearerToken(String token) {
    this.token = new BearerToken(Objects.requireNonNull(token, "token"));
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
   * Uses the caller's channel instead of making one: target, credentials, TLS files and message
   * size are then ignored (the bearer token is still sent), and the client never shuts the
   * channel down.
   */
  public ClipServeClientBuilder channel(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    return this;
  }

  /** The client; it owns (and closes) the channel it makes, unless {@link #channel} gave one. */
  public ClipServeClient build() {
    if (channel != null) {
      return new ClipServeClient(new Stubs(withToken(channel), deadline), null);
    }
    ManagedChannel owned = ChannelTargets.channelBuilder(target, channelCredentials())
        .maxInboundMessageSize(maxInboundMessageSize)
        .build();
    return new ClipServeClient(new Stubs(withToken(owned), deadline), owned);
  }

  private Channel withToken(Channel plain) {
    return token == null ? plain : ClientInterceptors.intercept(plain, token);
  }

  /** @throws UncheckedIOException naming a TLS file that cannot be read or used */
  private ChannelCredentials channelCredentials() {
    if (trustedCertificates == null && clientCertificate == null) {
      return credentials;
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    try {
      if (trustedCertificates != null) {
        tls.trustManager(trustedCertificates.toFile());
      }
      if (clientCertificate != null) {
        tls.keyManager(clientCertificate.toFile(), clientKey.toFile());
      }
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(new IOException("TLS files unusable (trusted "
          + trustedCertificates + ", client certificate " + clientCertificate + ", key "
          + clientKey + "): " + e.getMessage(), e));
    }
    return tls.build();
  }

  static Duration positive(Duration deadline) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive, got " + deadline);
    }
    return deadline;
  }
}
