package io.clipserve.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void refusesUnknownFlagsAndMissingValues() {
    assertThatThrownBy(() -> LaunchArguments.toProperties("--port", "1"))
        .hasMessageContaining("unknown flag --port");
    assertThatThrownBy(() -> LaunchArguments.toProperties("--grpc-port"))
        .hasMessageContaining("--grpc-port needs a value");
  }
}
