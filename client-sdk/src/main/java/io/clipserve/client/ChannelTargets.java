package io.clipserve.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannelBuilder;
import java.util.Locale;

/**
 * Turns a target into a channel builder with the service config it needs. A target is
 * {@code host:port} (one server: retries only), a comma list {@code host1:port1,host2:port2,...}
 * (resolved by {@link EndpointListResolverProvider}) or a {@code dns:///name:port} name (every
 * address the name has, re-resolved as grpc-java's DNS resolver does); the last two are balanced
 * by {@link ServiceConfig#balanced()}. Any other gRPC URI is passed through with retries only.
 * Stateless.
 */
final class ChannelTargets {

  private ChannelTargets() {
  }

  /**
   * {@code target}, checked.
   *
   * @throws IllegalArgumentException naming the entry of a comma list that is not host:port
   */
  static String checked(String target) {
    if (isList(target)) {
      Endpoints.parse(target);
    }
    return target;
  }

  /** A builder for {@code target} (as {@link #checked} accepts it) with its service config. */
  // nameResolverFactory is deprecated in favour of registering providers for the whole process,
  // yet it is grpc-java's only way to give one channel a resolver without adding the scheme to
  // every channel of the process (the caller's own channels included).
  @SuppressWarnings("deprecation")
  static ManagedChannelBuilder<?> channelBuilder(String target, ChannelCredentials credentials) {
    if (isList(target)) {
      return Grpc.newChannelBuilder(
              EndpointListResolverProvider.target(Endpoints.parse(target)), credentials)
          .nameResolverFactory(new EndpointListResolverProvider())
          .defaultServiceConfig(ServiceConfig.balanced()).enableRetry();
    }
    boolean dns = target.toLowerCase(Locale.ROOT).startsWith("dns:");
    return Grpc.newChannelBuilder(target, credentials)
        .defaultServiceConfig(dns ? ServiceConfig.balanced() : ServiceConfig.retriesOnly())
        .enableRetry();
  }

  private static boolean isList(String target) {
    return target.contains(",");
  }
}
