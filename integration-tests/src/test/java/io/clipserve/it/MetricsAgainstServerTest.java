package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} after real gRPC and HTTP calls, scraped over a socket in both formats and read
 * by the Prometheus client library's own Python parsers ({@code metrics_check.py}, package
 * {@code prometheus-client}): the histograms, labelled counters, model state and JVM metrics are
 * there with sane values, and neither a made-up model name nor a raw path became a label.
 */
@ExtendWith(SharedServer.class)
class MetricsAgainstServerTest {
  private static final String MADE_UP = "made-up-model-7f3a";
  private static final String RAW_PATH = "/no/such/path/7f3a";
  private static RealServer server;
  private static ManagedChannel channel;
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  Path work;

  @BeforeAll
  static void connect(RealServer shared) {
    server = shared;
    channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void prometheusParsersReadTheMetricsOfRealCalls() throws Exception {
    var embedding = EmbeddingServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS);
    ByteString image = ByteString.copyFrom(
        Files.readAllBytes(RealServer.IMAGES.resolve("pokemon.jpeg")));
    embedding.embed(EmbedRequest.newBuilder().setModel(RealServer.MODEL)
        .addInputs(Input.newBuilder().setText("皮卡丘"))
        .addInputs(Input.newBuilder().setImage(image)).build());
    assertThatThrownBy(() -> embedding.embed(EmbedRequest.newBuilder().setModel(MADE_UP)
        .addInputs(Input.newBuilder().setText("x")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    assertThat(get(RAW_PATH, null).statusCode()).isEqualTo(404);

    HttpResponse<String> text = get("/metrics", null);
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
    HttpResponse<String> openMetrics =
        get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(openMetrics.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/openmetrics-text"));
    assertThat(openMetrics.body()).endsWith("# EOF\n");

    Path textPage = Files.writeString(work.resolve("metrics.txt"), text.body());
    Path openMetricsPage = Files.writeString(work.resolve("metrics.om"), openMetrics.body());
    PythonChecks.pass("metrics_check.py", 8, "--text", textPage.toString(),
        "--openmetrics", openMetricsPage.toString(), "--model", RealServer.MODEL,
        "--made-up", MADE_UP, "--raw-path", RAW_PATH);
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
