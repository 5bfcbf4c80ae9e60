package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.cli.ClipServeCli;
import io.clipserve.client.ClipServeClient;
import io.clipserve.client.ClipServeClientBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with TLS on both ports (certificates made by the test) and both token roles, against
 * real clients over sockets: plaintext refused, TLS served; UnloadModel and inference with no,
 * a wrong, the inference and the admin token; the CLI with --tls-ca-file and --token-file; and no
 * token anywhere in the logs.
 */
class TlsAndTokensAgainstServerTest {
  private static final String MODEL = RealServer.MODEL;
  private static final String ADMIN = "admin-token-3f9c1e27b5";
  private static final String INFERENCE = "inference-token-8d02a6c4e1";

  @TempDir
  static Path dir;
  static TestCertificates certificates;
  static CapturedLogs logs;
  static RealServer server;

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.create(dir);
    Files.writeString(dir.resolve("admin.tokens"), "  " + ADMIN + "  \n\nsecond-admin-token\n");
    Files.writeString(dir.resolve("inference.tokens"), INFERENCE + "\n");
    logs = new CapturedLogs();
    server = new RealServer(Map.of(
        "clipserve.tls.cert-file", certificates.serverCert().toString(),
        "clipserve.tls.key-file", certificates.serverKey().toString(),
        "clipserve.admin-token-file", dir.resolve("admin.tokens").toString(),
        "clipserve.inference-token-file", dir.resolve("inference.tokens").toString()),
        builder -> builder.tlsTrustedCertificates(certificates.ca()).bearerToken(INFERENCE));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    try {
      assertThat(String.join("\n", logs.lines()))
          .doesNotContain(ADMIN, INFERENCE, "second-admin-token");
    } finally {
      logs.close();
    }
  }

  private static ClipServeClient client(UnaryOperator<ClipServeClientBuilder> options) {
    return options.apply(ClipServeClient.builder().target(server.target())
        .deadline(Duration.ofSeconds(30))).build();
  }

  @Test
  void grpcServesTlsAndRefusesPlaintext() {
    assertThat(server.client().embedTexts(MODEL, List.of("你好")).vectors()).hasSize(1);
    try (ClipServeClient plaintext = client(b -> b.bearerToken(INFERENCE))) {
      assertThatThrownBy(() -> plaintext.listModels())
          .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  @Test
  void httpServesTlsAndRefusesPlaintext() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    assertThatThrownBy(() -> plain.send(request("http", "/health/live", null),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    HttpClient tls = HttpClient.newBuilder().sslContext(certificates.sslContext(false))
        .connectTimeout(Duration.ofSeconds(10)).build();
    assertThat(tls.send(request("https", "/health/ready", null),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(tls.send(request("https", "/metrics", null),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(tls.send(request("https", "/metrics", "wrong"),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    HttpResponse<String> metrics = tls.send(request("https", "/metrics", INFERENCE),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("clipserve_requests_total")
        // refused requests are counted too, under the route they asked for
        .contains("clipserve_http_requests_total{method=\"GET\",route=\"/metrics\","
            + "status=\"401\"}")
        .contains("clipserve_http_requests_total{method=\"GET\",route=\"/metrics\","
            + "status=\"403\"}");
  }

  private static HttpRequest request(String scheme, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create(scheme + "://localhost:" + server.httpPort() + path))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  @Test
  void unloadNeedsTheAdminToken() {
    try (ClipServeClient none = client(b -> b.tlsTrustedCertificates(certificates.ca()));
        ClipServeClient admin = client(b -> b.tlsTrustedCertificates(certificates.ca())
            .bearerToken(ADMIN))) {
      assertThat(code(() -> none.unloadModel(MODEL))).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(code(() -> server.client().unloadModel(MODEL)))
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(code(() -> server.client().loadModel(MODEL)))
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      admin.unloadModel(MODEL);
      admin.loadModel(MODEL);
      assertThat(admin.embedTexts(MODEL, List.of("管理员也能推理")).vectors()).hasSize(1);
    }
  }

  @Test
  void inferenceNeedsAnInferenceOrAdminTokenAndHealthStaysOpen() {
    try (ClipServeClient none = client(b -> b.tlsTrustedCertificates(certificates.ca()));
        ClipServeClient wrong = client(b -> b.tlsTrustedCertificates(certificates.ca())
            .bearerToken("not-a-token"))) {
      assertThat(code(() -> none.embedTexts(MODEL, List.of("你好"))))
          .isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(code(() -> none.listModels())).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(code(() -> wrong.embedTexts(MODEL, List.of("你好"))))
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(HealthGrpc.newBlockingStub(none.channel())
          .check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
  }

  @Test
  void theCliConnectsWithTlsCaFileAndTokenFile() throws IOException {
    Path token = dir.resolve("cli.token");
    Files.writeString(token, INFERENCE + "\n");
    String[] common = {"--target", server.target(), "--tls-ca-file", certificates.ca().toString()};
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int withToken = new ClipServeCli().run(concat(common, "--token-file", token.toString(),
        "models"), new PrintWriter(out), new PrintWriter(err));
    assertThat(withToken).as(err.toString()).isZero();
    assertThat(out.toString()).contains(MODEL);
    int withoutToken = new ClipServeCli().run(concat(common, "models"),
        new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertThat(withoutToken).isEqualTo(64 + Status.Code.UNAUTHENTICATED.value());
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  private static Status.Code code(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
    return Status.Code.OK;
  }
}
