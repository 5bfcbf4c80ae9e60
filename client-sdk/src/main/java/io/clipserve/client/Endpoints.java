package io.clipserve.client;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a comma list of {@code host:port} endpoints ({@code [v6]:port} for IPv6 literals): every
 * entry must name a host and a port in 1..65535. Stateless.
 */
final class Endpoints {

  private Endpoints() {
  }

  /**
   * The entries of {@code list}, trimmed; nothing is looked up.
   *
   * @throws IllegalArgumentException naming the first entry that is not {@code host:port}
   */
  static List<String> parse(String list) {
    List<String> endpoints = Arrays.stream(list.split(",", -1)).map(String::trim).toList();
    endpoints.forEach(Endpoints::checked);
    return endpoints;
  }

  /**
   * The address of one endpoint that {@link #parse} accepted, its host looked up now (blocking):
   * unresolved when the lookup fails.
   */
  static InetSocketAddress address(String endpoint) {
    URI uri = checked(endpoint);
    String host = uri.getHost();
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, uri.getPort());
  }

  private static URI checked(String endpoint) {
    URI uri;
    try {
      uri = new URI("//" + endpoint);
    } catch (URISyntaxException e) {
      throw notAnEndpoint(endpoint);
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
        || !uri.getRawPath().isEmpty() || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw notAnEndpoint(endpoint);
    }
    return uri;
  }

  private static IllegalArgumentException notAnEndpoint(String endpoint) {
    return new IllegalArgumentException("target endpoint \"" + endpoint
        + "\" is not host:port (a list is host1:port1,host2:port2 with ports 1-65535)");
  }
}
