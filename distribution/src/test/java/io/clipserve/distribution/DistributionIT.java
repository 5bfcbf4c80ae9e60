package io.clipserve.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball, unpacked into an empty directory, serves the bundled model and answers
 * {@code bin/clipserve embed} with only a Java runtime: HOME (and {@code user.home}) an empty
 * directory, so no {@code ~/.m2} and no tokenizer cache; a {@code mvn} on PATH that records any
 * call; and, where {@code unshare -n} works, server and client in a network namespace that has
 * nothing but loopback.
 */
class DistributionIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path work;

  @Test
  void unpackedTarballServesAndEmbedsWithoutMavenSourcesOrNetwork() throws Exception {
    String version = System.getProperty("clipserve.version");
    Path unpacked = Files.createDirectories(work.resolve("unpacked"));
    assertThat(run(List.of("tar", "-xzf", System.getProperty("clipserve.tarball"), "-C", unpacked.toString()),
        Map.of()).exitCode).isZero();
    Path dist = unpacked.resolve("clipserve-" + version);
    assertThat(dist.resolve("pom.xml")).doesNotExist();
    assertThat(dist.resolve("bin/clipserve")).isExecutable();
    assertThat(dist.resolve("conf/clipserve.yml")).isRegularFile();
    assertThat(dist.resolve("model-repository/cn-clip-tiny/config.pbtxt")).isRegularFile();
    assertThat(dist.resolve("lib/clipserve-server-" + version + ".jar")).isRegularFile();
    assertThat(Files.readString(dist.resolve("THIRD-PARTY.txt"))).contains("onnxruntime");

    Path home = Files.createDirectories(work.resolve("home"));
    Path mavenCalls = work.resolve("mvn-called");
    Map<String, String> env = Map.of(
        "HOME", home.toString(),
        "CLIPSERVE_JAVA_OPTS", "-Duser.home=" + home,
        "PATH", fakeMaven(mavenCalls) + ":" + System.getenv("PATH"),
        "JAVA_HOME", System.getProperty("java.home"));

    int grpcPort = freePort();
    int httpPort = freePort();
    Path serverLog = work.resolve("server.log");
    try (NetworkSandbox sandbox = NetworkSandbox.open()) {
      if (sandbox.isolated()) {
        assertThat(run(sandbox.wrap(List.of("cat", "/proc/net/dev")), Map.of()).output)
            .as("interfaces inside the namespace").doesNotContain("eth").contains("lo:");
      } else {
        System.err.println("DistributionIT: unshare -n is not permitted here; running with the network");
      }
      Process server = start(sandbox.wrap(List.of(dist.resolve("bin/clipserve").toString(), "serve",
          "--grpc-port", Integer.toString(grpcPort), "--http-port", Integer.toString(httpPort),
          "--poll-seconds", "0")), env, serverLog);
      try {
        awaitReady(server, serverLog);
        Result embed = run(sandbox.wrap(List.of(dist.resolve("bin/clipserve").toString(), "embed",
            "--target", "localhost:" + grpcPort, "--model", "cn-clip-tiny", "--json",
            "--text", "皮卡丘",
            "--image", Path.of(System.getProperty("clipserve.testdata"), "images/pokemon.jpeg").toString())), env);
        assertThat(embed.exitCode).as(embed.output).isZero();
        assertThat(embed.output.lines().filter(l -> l.startsWith("{\"index\":")))
            .as(embed.output).hasSize(2)
            .allSatisfy(l -> assertThat(l).contains("\"model\":\"cn-clip-tiny\"").containsPattern("\"values\":\\[-?[0-9]"));
      } finally {
        server.destroy();
        assertThat(server.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      }
      assertThat(server.exitValue()).as(Files.readString(serverLog)).isZero();
    }
    assertThat(mavenCalls).as("bin/clipserve called mvn").doesNotExist();
    assertThat(home.resolve(".m2")).doesNotExist();
  }

  /** A mvn that records being called and fails; its directory goes first on PATH. */
  private Path fakeMaven(Path calls) throws IOException {
    Path dir = Files.createDirectories(work.resolve("fake-bin"));
    Path mvn = dir.resolve("mvn");
    Files.writeString(mvn, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexit 1\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  private static void awaitReady(Process server, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!Files.readString(log).contains("clipserve ready:")) {
      assertThat(server.isAlive()).as("server exited: " + Files.readString(log)).isTrue();
      assertThat(Instant.now()).as("not ready after " + START_TIMEOUT + ": " + Files.readString(log))
          .isBefore(deadline);
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  private static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    withEnvironment(builder, env);
    return builder.start();
  }

  private static Result run(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    withEnvironment(builder, env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }

  /** The test JVM's environment without Maven's and clipserve's variables, plus ENV. */
  private static void withEnvironment(ProcessBuilder builder, Map<String, String> env) {
    Map<String, String> environment = builder.environment();
    for (String name : new ArrayList<>(environment.keySet())) {
      if (name.startsWith("MAVEN") || name.startsWith("CLIPSERVE_") || name.startsWith("M2_")
          || name.startsWith("DJL_") || name.startsWith("MICRONAUT_")) {
        environment.remove(name);
      }
    }
    environment.putAll(env);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record Result(int exitCode, String output) {
  }
}
