package io.clipserve.server.http;

import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.service.InputQuota;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AttributeKey;
import jakarta.inject.Singleton;

/**
 * What an HTTP call gets from its connection, as a gRPC call does: the connection's
 * {@link InputQuota} ({@code clipserve.grpc.max-queued-items-per-connection}, kept on the Netty
 * channel) and a {@link CallScope} abandoned once the connection has closed, so that a client
 * that hangs up leaves nothing queued. Immutable; any thread.
 */
@Singleton
public final class HttpConnections {
  private static final AttributeKey<InputQuota> QUOTA =
      AttributeKey.valueOf("clipserve.connection-quota");

  private final int limit;

  public HttpConnections(ServerSettings settings) {
    this.limit = settings.getGrpc().getMaxQueuedItemsPerConnection();
  }

  public InputQuota quota(HttpRequest<?> request) {
    Channel channel = channel(request);
    if (channel == null) {
      return InputQuota.UNBOUNDED;
    }
    InputQuota mine = new InputQuota(limit);
    InputQuota existing = channel.attr(QUOTA).setIfAbsent(mine);
    return existing == null ? mine : existing;
  }

  public CallScope scope(HttpRequest<?> request) {
    Channel channel = channel(request);
    if (channel == null) {
      return CallScope.NONE;
    }
    return () -> channel.isActive() ? null : new ServingException(
        ServingException.Reason.CANCELLED, "the client closed the HTTP connection");
  }

  private static Channel channel(HttpRequest<?> request) {
    // HTTP/2 streams are child channels: the quota belongs to the connection.
    if (request instanceof NettyHttpRequest<?> netty) {
      Channel channel = netty.getChannelHandlerContext().channel();
      return channel instanceof Http2StreamChannel ? channel.parent() : channel;
    }
    return null;
  }
}
