package io.clipserve.client;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code clipserve-list:///host1:port1,host2:port2,...} to those addresses, one address
 * group (one replica) each. Registered on the channels of comma-list targets only, never in the
 * global registry. Host names are looked up on the channel's thread when the channel starts or
 * asks for a refresh (after a connection fails), so a replica that moves is found again; a host
 * that does not resolve is left out while others do.
 */
final class EndpointListResolverProvider extends NameResolverProvider {

  static final String SCHEME = "clipserve-list";

  /** The channel target for these endpoints (each {@code host:port}, checked by the caller). */
  static String target(List<String> endpoints) {
    // The brackets of IPv6 literals are not allowed in a URI path; the resolver gets them back
    // decoded from URI.getPath().
    return SCHEME + ":///"
        + String.join(",", endpoints).replace("[", "%5B").replace("]", "%5D");
  }

  @Override
  public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
    if (!SCHEME.equals(targetUri.getScheme())) {
      return null;
    }
    return new ListResolver(targetUri.getPath().substring(1));
  }

  @Override
  public String getDefaultScheme() {
    return SCHEME;
  }

  @Override
  protected boolean isAvailable() {
    return true;
  }

  @Override
  protected int priority() {
    return 5;
  }

  @Override
  public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
    return List.of(InetSocketAddress.class);
  }

  /** Called on the channel's synchronization context only, as grpc-java promises resolvers. */
  private static final class ListResolver extends NameResolver {
    private final String endpoints;
    private Listener2 listener;

    ListResolver(String endpoints) {
      this.endpoints = endpoints;
    }

    @Override
    public String getServiceAuthority() {
      return endpoints.split(",", 2)[0];
    }

    @Override
    public void start(Listener2 listener) {
      this.listener = listener;
      resolve();
    }

    @Override
    public void refresh() {
      resolve();
    }

    private void resolve() {
      List<EquivalentAddressGroup> groups = new ArrayList<>();
      List<String> unresolved = new ArrayList<>();
      for (String endpoint : endpoints.split(",")) {
        InetSocketAddress address = Endpoints.address(endpoint);
        if (address.isUnresolved()) {
          unresolved.add(endpoint);
        } else {
          groups.add(new EquivalentAddressGroup(address));
        }
      }
      if (groups.isEmpty()) {
        listener.onError(Status.UNAVAILABLE.withDescription("no endpoint resolves: " + unresolved));
        return;
      }
      listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    @Override
    public void shutdown() {
    }
  }
}
