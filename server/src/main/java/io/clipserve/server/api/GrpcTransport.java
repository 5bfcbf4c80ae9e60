package io.clipserve.server.api;

import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.security.TlsMaterial;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC listener's transport, from {@code clipserve.*} settings: bind address and port, TLS
 * from {@link TlsMaterial} (mutual when a client CA is set), and connection hygiene (concurrent
 * calls per connection, idle and age limits with GOAWAY, keepalive enforcement, handshake timeout,
 * a {@link ConnectionQuota} per connection). Stateless; {@link #builder()} is called by the server
 * host at start.
 */
@Singleton
public final class GrpcTransport {
  private final ServerSettings settings;
  private final TlsMaterial tls;

  public GrpcTransport(ServerSettings settings, TlsMaterial tls) {
    this.settings = settings;
    this.tls = tls;
  }

  /** A server builder bound and configured; the caller adds the services. */
  NettyServerBuilder builder() {
    ServerSettings.Grpc grpc = settings.getGrpc();
    return NettyServerBuilder.forAddress(
            new InetSocketAddress(settings.getBindAddress(), grpc.getPort()), credentials())
        .maxInboundMessageSize(grpc.getMaxInboundMessageSize())
        .maxConcurrentCallsPerConnection(grpc.getMaxConcurrentCallsPerConnection())
        .maxConnectionIdle(grpc.getMaxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAge(grpc.getMaxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAgeGrace(grpc.getMaxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(grpc.getPermitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveWithoutCalls(grpc.isPermitKeepAliveWithoutCalls())
        .handshakeTimeout(grpc.getHandshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addTransportFilter(ConnectionQuota.filter(grpc.getMaxQueuedItemsPerConnection()));
  }

  private ServerCredentials credentials() {
    if (tls.identity().isEmpty()) {
      return InsecureServerCredentials.create();
    }
    TlsServerCredentials.Builder credentials =
        TlsServerCredentials.newBuilder().keyManager(tls.identity().get());
    tls.clientTrust().ifPresent(trust -> credentials.trustManager(trust)
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE));
    return credentials.build();
  }
}
