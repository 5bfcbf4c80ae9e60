package io.clipserve.server.http;

import io.clipserve.server.security.TlsMaterial;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Singleton;
import javax.net.ssl.SSLException;

/**
 * TLS on the HTTP port when {@code --tls-cert-file} is set: every accepted connection starts with
 * a TLS handler built from the same {@link TlsMaterial} as the gRPC port (same certificate, same
 * reloads, a client certificate required with {@code --tls-client-ca-file}), so plaintext is
 * refused on that port. Registered once, when Micronaut creates its customizer registry.
 */
@Singleton
public class HttpTls implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  private final TlsMaterial tls;

  public HttpTls(TlsMaterial tls) {
    this.tls = tls;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    if (tls.identity().isPresent()) {
      event.getBean().register(new ConnectionTls(context(), null));
    }
    return event.getBean();
  }

  private SslContext context() {
    SslContextBuilder builder = SslContextBuilder.forServer(tls.identity().get());
    tls.clientTrust().ifPresent(
        trust -> builder.trustManager(trust).clientAuth(ClientAuth.REQUIRE));
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalStateException("TLS for the HTTP port (--tls-cert-file): " + e, e);
    }
  }

  /** Adds the TLS handler first in each connection's pipeline. */
  private record ConnectionTls(SslContext context, Channel connection)
      implements NettyServerCustomizer {
    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new ConnectionTls(context, channel) : this;
    }

    @Override
    public void onInitialPipelineBuilt() {
      if (connection != null) {
        connection.pipeline().addFirst("clipserve-tls", context.newHandler(connection.alloc()));
      }
    }
  }
}
