package io.clipserve.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchArgumentsTest {
  @Test
  void mapsFlagsToConfigurationKeys() {
    assertThat(LaunchArguments.toProperties("--model-repository", "/m", "--grpc-port=9001",
        "--http-port", "9000", "--poll-seconds", "0"))
        .containsEntry("clipserve.model-repository", "/m")
        .containsEntry("clipserve.grpc.port", "9001")
        .containsEntry("micronaut.server.port", "9000")
        .containsEntry("clipserve.poll-seconds", "0");
  }

  @Test
  void mapsTheSecurityFlagsToTheirSettings() {
    assertThat(LaunchArguments.toProperties("--bind-address", "127.0.0.1",
        "--tls-cert-file=c.pem", "--tls-key-file", "k.pem", "--tls-client-ca-file", "ca.pem",
        "--admin-token-file", "a", "--inference-token-file", "i"))
        .containsEntry("clipserve.bind-address", "127.0.0.1")
        .containsEntry("clipserve.tls.cert-file", "c.pem")
        .containsEntry("clipserve.tls.key-file", "k.pem")
        .containsEntry("clipserve.tls.client-ca-file", "ca.pem")
        .containsEntry("clipserve.admin-token-file", "a")
        .containsEntry("clipserve.inference-token-file", "i");
    assertThat(LaunchArguments.usage(key -> Optional.empty())).contains(
        "CLIPSERVE_BIND_ADDRESS", "CLIPSERVE_TLS_CERT_FILE", "CLIPSERVE_TLS_KEY_FILE",
        "CLIPSERVE_TLS_CLIENT_CA_FILE", "CLIPSERVE_ADMIN_TOKEN_FILE",
        "CLIPSERVE_INFERENCE_TOKEN_FILE");
  }

  @Test
  void refusesUnknownFlagsAndMissingValues() {
    assertThatThrownBy(() -> LaunchArguments.toProperties("--port", "1"))
        .hasMessageContaining("unknown flag --port");
    assertThatThrownBy(() -> LaunchArguments.toProperties("--grpc-port"))
        .hasMessageContaining("--grpc-port needs a value");
  }

  @Test
  void helpNamesEveryFlagWithItsEnvironmentVariableAndCurrentValue() {
    String help = LaunchArguments.usage(
        key -> key.equals("clipserve.grpc.port") ? Optional.of("8001") : Optional.empty());
    assertThat(help).contains("--model-repository DIR", "CLIPSERVE_MODEL_REPOSITORY",
        "--grpc-port N", "env CLIPSERVE_GRPC_PORT, default 8001", "--http-port N",
        "MICRONAUT_SERVER_PORT", "--poll-seconds N", "env CLIPSERVE_POLL_SECONDS, default unset",
        "--help");
    assertThat(LaunchArguments.wantsHelp("--grpc-port", "1", "-h")).isTrue();
    assertThat(LaunchArguments.wantsHelp("--grpc-port", "1")).isFalse();
  }

  @Test
  void mapsTheShutdownReadinessAndLogFlags() {
    assertThat(LaunchArguments.toProperties("--drain-seconds", "5", "--strict-readiness=false",
        "--log-format", "json"))
        .containsEntry("clipserve.drain-seconds", "5")
        .containsEntry("clipserve.strict-readiness", "false")
        .containsEntry("clipserve.log-format", "json");
    assertThat(LaunchArguments.usage(key -> Optional.empty())).contains("--drain-seconds N",
        "CLIPSERVE_DRAIN_SECONDS", "--strict-readiness BOOL", "CLIPSERVE_STRICT_READINESS",
        "--log-format FORMAT", "CLIPSERVE_LOG_FORMAT");
  }

  @Test
  void logFormatComesFromTheFlagElseTheEnvironmentAndMustBeKnown() {
    assertThat(LogFormat.choose(Map.of(), Map.of())).isEqualTo("text");
    assertThat(LogFormat.choose(Map.of(), Map.of("CLIPSERVE_LOG_FORMAT", "json")))
        .isEqualTo("json");
    assertThat(LogFormat.choose(Map.of("clipserve.log-format", "text"),
        Map.of("CLIPSERVE_LOG_FORMAT", "json"))).isEqualTo("text");
    assertThatThrownBy(() -> LogFormat.choose(Map.of(), Map.of("CLIPSERVE_LOG_FORMAT", "yaml")))
        .hasMessageContaining("must be text or json, not 'yaml'");
  }
}
