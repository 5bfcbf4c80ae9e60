package io.clipserve.it;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.ClipServeClientBuilder;
import io.clipserve.server.api.GrpcServerHost;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server serving the bundled repository ({@code cn-clip-tiny}) on a loopback port, and a
 * client to it. Started once per test run by {@link SharedServer}, which closes it after the last
 * test; the tests share it and its client (thread-safe), and close neither.
 */
final class RealServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  static final String MODEL = "cn-clip-tiny";
  static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath();
  static final Path MODEL_DIR = ROOT.resolve("model-repository").resolve(MODEL);
  static final Path IMAGES =
      Path.of(System.getProperty("clipserve.testdata", "../testdata"))
          .resolve("images").toAbsolutePath();

  private final ApplicationContext server;
  private final ClipServeClient client;
  private final String target;

  RealServer() {
    this(Map.of(), UnaryOperator.identity());
  }

  /**
   * A server of its own with {@code settings} added (TLS, tokens, limits); its client is built
   * with {@code clientOptions}. The test that makes it closes it.
   */
  RealServer(Map<String, Object> settings, UnaryOperator<ClipServeClientBuilder> clientOptions) {
    Map<String, Object> all = new HashMap<>(Map.of(
        "clipserve.model-repository", ROOT.resolve("model-repository").toString(),
        "clipserve.grpc.port", 0, "micronaut.server.port", -1, "clipserve.poll-seconds", 0));
    all.putAll(settings);
    server = ApplicationContext.run(EmbeddedServer.class, all).getApplicationContext();
    int port = server.getBean(GrpcServerHost.class).port();
    target = "127.0.0.1:" + port;
    client = clientOptions.apply(
        ClipServeClient.builder().target(target).deadline(Duration.ofSeconds(30))).build();
  }

  /** The HTTP port (health, metrics). */
  int httpPort() {
    return server.getBean(EmbeddedServer.class).getPort();
  }

  /** host:port of its gRPC listener. */
  String target() {
    return target;
  }

  ClipServeClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
