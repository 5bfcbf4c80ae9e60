package io.clipserve.client.testing;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The two doubles served for one test: in-process (with a channel to it) or on a loopback port.
 * Close it after the test. Services run on gRPC's default executor, as on a real server.
 */
public final class TestServer implements AutoCloseable {

  private final EchoEmbeddingService embedding = new EchoEmbeddingService();
  private final StaticModelService models = new StaticModelService();
  private final Server server;
  private final ManagedChannel channel; // null when served on a port

  private TestServer(boolean inProcess) {
    String name = InProcessServerBuilder.generateName();
    try {
      server = (inProcess
          ? InProcessServerBuilder.forName(name)
          : Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()))
          .addService(embedding).addService(models).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    channel = inProcess ? InProcessChannelBuilder.forName(name).build() : null;
  }

  /** Served in-process; {@link #channel()} reaches it. */
  public static TestServer inProcess() {
    return new TestServer(true);
  }

  /** Served over plaintext TCP on a free loopback port; see {@link #target()}. */
  public static TestServer onLoopback() {
    return new TestServer(false);
  }

  public ManagedChannel channel() {
    return channel;
  }

  public String target() {
    return "localhost:" + server.getPort();
  }

  public EchoEmbeddingService embedding() {
    return embedding;
  }

  public StaticModelService models() {
    return models;
  }

  @Override
  public void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
