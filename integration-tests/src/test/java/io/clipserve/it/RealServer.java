package io.clipserve.it;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.ClipServeClientBuilder;
import io.clipserve.server.api.GrpcServerHost;
import io.clipserve.server.registry.RepositoryPoller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server serving a copy of the bundled repository ({@code cn-clip-tiny}) on a loopback
 * port, and a client to it. Started once per test run by {@link SharedServer}, which closes it
 * after the last test; the tests share it and its client (thread-safe), and close neither. Tests
 * may add model directories to {@link #repository()} (polling is off: {@link #poll()} looks);
 * they remove what they add, so that the next test sees the bundled repository.
 */
public final class RealServer implements ExtensionContext.Store.CloseableResource,
    AutoCloseable {
  public static final String MODEL = "cn-clip-tiny";
  public static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath();
  /** The bundled model, as committed. */
  public static final Path MODEL_DIR = ROOT.resolve("model-repository").resolve(MODEL);
  public static final Path IMAGES =
      Path.of(System.getProperty("clipserve.testdata", "../testdata"))
          .resolve("images").toAbsolutePath();

  private final Path repository;
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
  public RealServer(Map<String, Object> settings, UnaryOperator<ClipServeClientBuilder> clientOptions) {
    repository = copyOfBundledRepository();
    Map<String, Object> all = new HashMap<>(Map.of(
        "clipserve.model-repository", repository.toString(),
        "clipserve.grpc.port", 0, "micronaut.server.port", -1, "clipserve.poll-seconds", 0,
        "clipserve.repository.stability-ms", 0));
    all.putAll(settings);
    server = ApplicationContext.run(EmbeddedServer.class, all).getApplicationContext();
    int port = server.getBean(GrpcServerHost.class).port();
    target = "127.0.0.1:" + port;
    client = clientOptions.apply(
        ClipServeClient.builder().target(target).deadline(Duration.ofSeconds(30))).build();
  }

  /** The HTTP port (health, metrics). */
  public int httpPort() {
    return server.getBean(EmbeddedServer.class).getPort();
  }

  /** host:port of its gRPC listener. */
  public String target() {
    return target;
  }

  public ClipServeClient client() {
    return client;
  }

  /** The repository it serves: a temporary copy of the bundled one. */
  public Path repository() {
    return repository;
  }

  /** One look at the repository, as the poller takes every {@code clipserve.poll-seconds}. */
  public void poll() {
    try {
      server.getBean(RepositoryPoller.class).poll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
    server.close();
    try {
      delete(repository);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; symlinks are removed, not followed. */
  public static void delete(Path tree) throws IOException {
    if (!Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  private static Path copyOfBundledRepository() {
    try {
      Path copy = Files.createTempDirectory("clipserve-it-repository");
      copyTree(MODEL_DIR, copy.resolve(MODEL));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a directory tree. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
