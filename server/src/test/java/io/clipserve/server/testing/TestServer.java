package io.clipserve.server.testing;

import io.clipserve.server.api.GrpcServerHost;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server (Micronaut context, HTTP and gRPC on free loopback ports) over a repository,
 * with a plaintext channel to it. Close it to stop both.
 */
public final class TestServer implements AutoCloseable {
  private final ApplicationContext context;
  private final EmbeddedServer http;
  private final ManagedChannel channel;

  private TestServer(ApplicationContext context) {
    this.context = context;
    this.http = context.getBean(EmbeddedServer.class);
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort()).usePlaintext()
        .maxInboundMessageSize(128 * 1024 * 1024).build();
  }

  /**
   * Starts a server on {@code repository} with extra properties (e.g. limits). Polling is off and
   * the stability window 0 unless the properties say otherwise.
   */
  public static TestServer start(Path repository, Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("clipserve.model-repository", repository.toString());
    all.putIfAbsent("clipserve.grpc.port", 0);
    all.put("micronaut.server.port", -1);
    all.putIfAbsent("clipserve.poll-seconds", 0);
    // The copies a test just made are complete: no stability window unless a test asks for one.
    all.putIfAbsent("clipserve.repository.stability-ms", 0);
    ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, all).getApplicationContext();
    return new TestServer(context);
  }

  public static TestServer start(Path repository) {
    return start(repository, Map.of());
  }

  public ManagedChannel channel() {
    return channel;
  }

  public int grpcPort() {
    return context.getBean(GrpcServerHost.class).port();
  }

  public int httpPort() {
    return http.getPort();
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    context.close();
  }
}
