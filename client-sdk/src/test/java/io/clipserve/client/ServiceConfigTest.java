package io.clipserve.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.internal.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service configs grpc-java accepts, the retry policy covers every clipserve method, and the
 * JSON docs/scale-out.md gives Python and Go clients is the SDK's own.
 */
class ServiceConfigTest {
  private static final Path SCALE_OUT_DOC = Path.of(
      System.getProperty("clipserve.root", ".."), "docs", "scale-out.md");

  @Test
  void grpcJavaParsesBothConfigs() throws InterruptedException {
    for (Map<String, Object> config : List.of(ServiceConfig.balanced(),
        ServiceConfig.retriesOnly())) {
      // ManagedChannelImpl parses the default config as it is built and refuses an invalid one.
      ManagedChannel channel = InProcessChannelBuilder.forName("service-config-test")
          .defaultServiceConfig(config).enableRetry().build();
      channel.shutdownNow().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void theRetryPolicyNamesEveryClipserveMethodAndRetriesUnavailableOnly() {
    Map<?, ?> methodConfig = (Map<?, ?>) ((List<?>) ServiceConfig.balanced().get("methodConfig"))
        .get(0);
    List<Object> names = List.copyOf((List<?>) methodConfig.get("name"));
    Stream.of(EmbeddingServiceGrpc.getServiceDescriptor(), ModelServiceGrpc.getServiceDescriptor())
        .flatMap(service -> service.getMethods().stream())
        .map(MethodDescriptor::getServiceName)
        .forEach(service -> assertThat(names).contains((Object) Map.of("service", service)));
    Map<?, ?> retry = (Map<?, ?>) methodConfig.get("retryPolicy");
    assertThat(retry.get("retryableStatusCodes")).isEqualTo(List.of("UNAVAILABLE"));
    assertThat(retry.get("maxAttempts")).isEqualTo(5.0);
    assertThat(ServiceConfig.retriesOnly().get("methodConfig"))
        .isEqualTo(ServiceConfig.balanced().get("methodConfig"));
  }

  @Test
  void theBalancedConfigAsksForRoundRobinAndHealthOfTheWholeServer() {
    assertThat(ServiceConfig.balanced().get("loadBalancingConfig"))
        .isEqualTo(List.of(Map.of("round_robin", Map.of())));
    assertThat(ServiceConfig.balanced().get("healthCheckConfig"))
        .isEqualTo(Map.of("serviceName", ""));
  }

  @Test
  void theDocumentedJsonIsTheBalancedConfig() throws IOException {
    String doc = Files.readString(SCALE_OUT_DOC, StandardCharsets.UTF_8);
    Matcher json = Pattern.compile("<!-- service-config -->\\s*```json\\n(.*?)```",
        Pattern.DOTALL).matcher(doc);
    assertThat(json.find()).as("a ```json block after <!-- service-config --> in " + SCALE_OUT_DOC)
        .isTrue();
    assertThat(JsonParser.parse(json.group(1))).isEqualTo(ServiceConfig.balanced());
  }
}
