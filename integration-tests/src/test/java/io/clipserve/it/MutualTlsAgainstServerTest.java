package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.client.ClipServeClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with mutual TLS ({@code --tls-client-ca-file}): clients without a certificate are
 * refused on both ports, clients with one signed by the CA are served.
 */
class MutualTlsAgainstServerTest {
  @TempDir
  Path dir;

  @Test
  void aClientCertificateIsRequiredOnBothPorts() throws Exception {
    TestCertificates certificates = TestCertificates.create(dir);
    try (RealServer server = new RealServer(Map.of(
        "clipserve.tls.cert-file", certificates.serverCert().toString(),
        "clipserve.tls.key-file", certificates.serverKey().toString(),
        "clipserve.tls.client-ca-file", certificates.ca().toString()),
        builder -> builder.tlsTrustedCertificates(certificates.ca())
            .tlsClientCertificate(certificates.clientCert(), certificates.clientKey()));
        ClipServeClient anonymous = ClipServeClient.builder().target(server.target())
            .tlsTrustedCertificates(certificates.ca()).deadline(Duration.ofSeconds(30)).build()) {
      assertThat(server.client().embedTexts(RealServer.MODEL, List.of("双向认证")).vectors())
          .hasSize(1);
      assertThatThrownBy(anonymous::listModels).isInstanceOfSatisfying(
          StatusRuntimeException.class,
          e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

      HttpRequest ready = HttpRequest.newBuilder(
          URI.create("https://localhost:" + server.httpPort() + "/health/ready"))
          .timeout(Duration.ofSeconds(30)).build();
      HttpClient withCertificate = HttpClient.newBuilder()
          .sslContext(certificates.sslContext(true)).build();
      assertThat(withCertificate.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      HttpClient withoutCertificate = HttpClient.newBuilder()
          .sslContext(certificates.sslContext(false)).build();
      assertThatThrownBy(() -> withoutCertificate.send(ready, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }
}
