package io.clipserve.cli;

import io.clipserve.client.ClipServeClientBuilder;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The connection options of every command. Declared once on the root and inherited, so they may
 * stand before or after the command name ({@code clipserve --target h:8001 models} or
 * {@code clipserve models --target h:8001}).
 */
final class CommonOptions {

  @Option(names = "--target", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
      defaultValue = ClipServeClientBuilder.DEFAULT_TARGET,
      description = "The server's gRPC address (default: ${DEFAULT-VALUE}).")
  private String target;

  @Option(names = "--deadline-ms", paramLabel = "MS", scope = ScopeType.INHERIT,
      defaultValue = "30000",
      description = "The deadline of each call in milliseconds (default: ${DEFAULT-VALUE}).")
  private long deadlineMillis;

  String target() {
    return target;
  }

  /** The deadline, checked positive: a usage error of {@code command} otherwise. */
  Duration deadline(CommandLine command) {
    if (deadlineMillis <= 0) {
      throw new ParameterException(command,
          "--deadline-ms must be positive, got " + deadlineMillis);
    }
    return Duration.ofMillis(deadlineMillis);
  }
}
