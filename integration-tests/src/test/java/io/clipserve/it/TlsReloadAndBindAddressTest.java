package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clipserve.client.ClipServeClient;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate is served without a restart on both ports; {@code --bind-address} keeps
 * both ports off other interfaces; TLS flags that do not go together stop the start naming them.
 */
class TlsReloadAndBindAddressTest {
  @TempDir
  Path dir;

  @Test
  void aReplacedCertificateIsServedWithoutARestart() throws Exception {
    TestCertificates first = TestCertificates.create(Files.createDirectory(dir.resolve("first")));
    TestCertificates second = TestCertificates.create(Files.createDirectory(dir.resolve("second")));
    Path cert = dir.resolve("live.pem");
    Path key = dir.resolve("live.key");
    Files.copy(first.serverCert(), cert);
    Files.copy(first.serverKey(), key);
    try (RealServer server = new RealServer(Map.of("clipserve.tls.cert-file", cert.toString(),
        "clipserve.tls.key-file", key.toString(), "clipserve.tls.reload-interval", "1s"),
        builder -> builder.tlsTrustedCertificates(first.ca()))) {
      assertThat(server.client().listModels()).isNotEmpty();
      Files.copy(second.serverKey(), key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(second.serverCert(), cert, StandardCopyOption.REPLACE_EXISTING);
      long giveUp = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      boolean grpcRenewed = false;
      boolean httpRenewed = false;
      while (!(grpcRenewed && httpRenewed) && System.nanoTime() < giveUp) {
        grpcRenewed = grpcRenewed || grpcTrusts(server, second.ca());
        httpRenewed = httpRenewed || httpTrusts(server, second);
        Thread.sleep(500);
      }
      assertThat(grpcRenewed).as("gRPC serves the new certificate").isTrue();
      assertThat(httpRenewed).as("HTTP serves the new certificate").isTrue();
    }
  }

  private static boolean grpcTrusts(RealServer server, Path ca) {
    try (ClipServeClient client = ClipServeClient.builder().target(server.target())
        .tlsTrustedCertificates(ca).deadline(Duration.ofSeconds(10)).build()) {
      client.listModels();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean httpTrusts(RealServer server, TestCertificates certificates)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(certificates.sslContext(false)).build();
    try {
      return client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
          + server.httpPort() + "/health/live")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void theBindAddressKeepsBothPortsOffOtherInterfaces() throws Exception {
    Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .findFirst();
    assumeTrue(other.isPresent(), "this machine has no interface besides loopback");
    try (RealServer server = new RealServer(Map.of("clipserve.bind-address", "127.0.0.1"),
        UnaryOperator.identity())) {
      int grpc = Integer.parseInt(server.target().substring(server.target().indexOf(':') + 1));
      for (int port : new int[] {grpc, server.httpPort()}) {
        assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
        assertThat(connects(other.get(), port)).as(other.get() + ":" + port).isFalse();
      }
    }
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 5000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void tlsFlagsThatDoNotGoTogetherStopTheStart() throws Exception {
    TestCertificates certificates = TestCertificates.create(dir);
    assertThatThrownBy(() -> new RealServer(
        Map.of("clipserve.tls.cert-file", certificates.serverCert().toString()),
        UnaryOperator.identity()))
        .rootCause().hasMessageContaining("--tls-cert-file needs --tls-key-file");
    assertThatThrownBy(() -> new RealServer(
        Map.of("clipserve.tls.client-ca-file", certificates.ca().toString()),
        UnaryOperator.identity()))
        .rootCause().hasMessageContaining("need --tls-cert-file");
  }
}
