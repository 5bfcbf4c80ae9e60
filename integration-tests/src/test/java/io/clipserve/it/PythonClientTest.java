package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.bench.ServerCounters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python grpcio client against the real server, with stubs generated from our protos during the
 * test, as a user of another language would. Python is {@code python3} on the PATH, or
 * {@code CLIPSERVE_PYTHON}; it needs the grpcio and protobuf packages. Also grpcio with the
 * service config of docs/scale-out.md over two replicas.
 */
@ExtendWith(SharedServer.class)
class PythonClientTest {
  static RealServer server;
  @TempDir
  Path work;

  @BeforeAll
  static void connect(RealServer shared) {
    server = shared;
  }

  @Test
  void pythonClientSeesTheProtocol() throws Exception {
    runScript("client_e2e.py", 8);
  }

  @Test
  void pythonWithTheDocumentedServiceConfigSpreadsCallsOverTwoReplicas() throws Exception {
    Path stubs = generateStubs();
    try (RealServer second = new RealServer()) {
      long firstBefore = textItems(server);
      long secondBefore = textItems(second);
      String output = PythonChecks.run("balanced_client.py",
          "--target", "ipv4:" + server.target() + "," + second.target(), "--model",
          RealServer.MODEL, "--stubs", stubs.toString(), "--calls", "200",
          "--doc", RealServer.ROOT.resolve("docs/scale-out.md").toString());
      assertThat(output).contains("200 answered");
      // round_robin: pick_first, grpcio's default, would have sent all 200 to the first.
      assertThat(textItems(server)).isGreaterThan(firstBefore);
      assertThat(textItems(second)).isGreaterThan(secondBefore);
    }
  }

  private static long textItems(RealServer replica) {
    return ServerCounters.read(replica.client(), RealServer.MODEL, "text").items();
  }

  /**
   * A KServe v2 client whose stubs come from {@code open_inference_grpc.proto}, the Open
   * Inference Protocol's own definitions: metadata, and ModelInfer equal to Embed.
   */
  @Test
  void openInferenceProtocolClientGetsEmbedsEmbeddings() throws Exception {
    runScript("oip_client_e2e.py", 8);
  }

  private void runScript(String script, int checks) throws Exception {
    Path stubs = generateStubs();
    PythonChecks.pass(script, checks, "--target", server.target(), "--model", RealServer.MODEL,
        "--stubs", stubs.toString(), "--images", RealServer.IMAGES.toString());
  }

  /**
   * protoc with grpc_python_plugin over proto/ (the clipserve.v1 protos and the Open Inference
   * Protocol's open_inference_grpc.proto), google/rpc/status.proto and the health proto. The
   * health proto is placed as {@code grpc_health_v1/health.proto} so its Python module does not
   * shadow the {@code grpc} package; its wire names are unchanged. No {@code __init__.py}: the
   * packages are namespace packages, merging with Debian's {@code google} namespace.
   */
  private Path generateStubs() throws IOException, InterruptedException {
    Path include = Files.createDirectories(work.resolve("include"));
    copyResource("google/rpc/status.proto", include.resolve("google/rpc/status.proto"));
    copyResource("grpc/health/v1/health.proto", include.resolve("grpc_health_v1/health.proto"));
    Path out = Files.createDirectories(work.resolve("stubs"));
    Path protoRoot = RealServer.ROOT.resolve("proto/src/main/proto");
    List<String> command = new ArrayList<>(List.of("protoc", "-I" + protoRoot, "-I" + include,
        "-I/usr/include", "--python_out=" + out, "--grpc_out=" + out,
        "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
        "google/rpc/status.proto", "grpc_health_v1/health.proto"));
    try (Stream<Path> protos = Files.walk(protoRoot)) {
      protos.filter(p -> p.toString().endsWith(".proto"))
          .forEach(p -> command.add(protoRoot.relativize(p).toString()));
    }
    Process protoc = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(protoc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(protoc.waitFor()).as(output).isZero();
    return out;
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in = PythonClientTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " on the test classpath").isNotNull();
      Files.createDirectories(target.getParent());
      Files.copy(in, target);
    }
  }
}
