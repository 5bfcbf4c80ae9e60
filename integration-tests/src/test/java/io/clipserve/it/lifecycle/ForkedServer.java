package io.clipserve.it.lifecycle;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/clipserve serve} as a separate JVM on the classpath {@code bin/clipserve} uses (the
 * server module's jar and {@code target/lib}, which the reactor packaged before these tests), its
 * working directory and log (stdout and stderr) in {@code workDir}. {@link #stop()} sends
 * SIGTERM ({@link Process#destroy()} on Linux), {@link #kill()} SIGKILL. Closing kills it if still
 * running.
 */
final class ForkedServer implements AutoCloseable {
  private static final Path ROOT =
      Path.of(System.getProperty("clipserve.root", "..")).toAbsolutePath().normalize();
  private static final Pattern READY_LINE =
      Pattern.compile("clipserve ready: grpc=(\\d+) http=(\\d+) models=");

  private final Process process;
  private final Path log;
  private final int grpcPort;
  private final int httpPort;
  private final ManagedChannel channel;

  private ForkedServer(Process process, Path log, int grpcPort, int httpPort) {
    this.process = process;
    this.log = log;
    this.grpcPort = grpcPort;
    this.httpPort = httpPort;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
  }

  /** Starts the server with {@code flags} on free ports and waits for its ready line. */
  static ForkedServer start(Path workDir, String... flags)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command(flags)).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(workDir.resolve("server.log").toFile()).start();
    Path log = workDir.resolve("server.log");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      Matcher ready = READY_LINE.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (ready.find()) {
        return new ForkedServer(process, log, Integer.parseInt(ready.group(1)),
            Integer.parseInt(ready.group(2)));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited " + process.exitValue() + ":\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new IllegalStateException("no ready line in 3 minutes:\n" + Files.readString(log));
  }

  /** java -cp (the server's jar and libraries) ClipServeApplication (flags, on free ports). */
  static List<String> command(String... flags) throws IOException {
    Path server = ROOT.resolve("server/target");
    Path jar;
    try (Stream<Path> jars = Files.list(server)) {
      jar = jars.filter(p -> p.getFileName().toString().matches("clipserve-server-.*\\.jar")
          && !p.getFileName().toString().endsWith("-tests.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no server jar in " + server
              + "; run the reactor's package phase first"));
    }
    String classpath = jar + java.io.File.pathSeparator + server.resolve("lib") + "/*";
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", classpath, "io.clipserve.server.ClipServeApplication",
        "--grpc-port", "0", "--http-port", "-1"));
    command.addAll(List.of(flags));
    return command;
  }

  ManagedChannel channel() {
    return channel;
  }

  int httpPort() {
    return httpPort;
  }

  int grpcPort() {
    return grpcPort;
  }

  /** SIGTERM. */
  void stop() {
    process.destroy();
  }

  /** SIGKILL: no drain, open connections reset. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits for the exit; its status, or -1 when still running after {@code seconds}. */
  int awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
