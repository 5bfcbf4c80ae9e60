package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.ClipServeClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

/**
 * The connection options of every command. Declared once on the root and inherited, so they may
 * stand before or after the command name ({@code clipserve --target h:8001 models} or
 * {@code clipserve models --target h:8001}); {@code --target} takes every form of
 * {@link ClipServeClientBuilder#target}. TLS: {@code --tls-ca-file} (and
 * {@code --tls-cert-file}/{@code --tls-key-file} for mutual TLS); {@code --token-file} sends a
 * bearer token.
 */
final class CommonOptions {

  @Option(names = "--target", paramLabel = "TARGET", scope = ScopeType.INHERIT,
      defaultValue = ClipServeClientBuilder.DEFAULT_TARGET,
      description = "The server's gRPC address, HOST:PORT (default: ${DEFAULT-VALUE}); replicas"
          + " as HOST1:PORT1,HOST2:PORT2,... or dns:///NAME:PORT, balanced round_robin over the"
          + " healthy ones. Calls refused as UNAVAILABLE are retried up to 5 times.")
  private String target;

  @Option(names = "--deadline-ms", paramLabel = "MS", scope = ScopeType.INHERIT,
      defaultValue = "30000",
      description = "The deadline of each call in milliseconds (default: ${DEFAULT-VALUE}).")
  private long deadlineMillis;

  @Option(names = "--tls-ca-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
      description = "Connect with TLS, trusting the CA certificates in this PEM file.")
  private Path tlsCaFile;

  @Option(names = "--tls-cert-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
      description = "Client certificate chain for mutual TLS (with --tls-key-file).")
  private Path tlsCertFile;

  @Option(names = "--tls-key-file", paramLabel = "PEM", scope = ScopeType.INHERIT,
      description = "Private key (PKCS#8 PEM) of --tls-cert-file.")
  private Path tlsKeyFile;

  @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "Send the bearer token in this file (its first non-blank line) with each call.")
  private Path tokenFile;

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

  /**
   * A builder for the target with these options' deadline, TLS files and token.
   *
   * @throws ParameterException naming the option whose value is unusable
   */
  ClipServeClientBuilder clientBuilder(CommandLine command) {
    ClipServeClientBuilder builder = ClipServeClient.builder().deadline(deadline(command));
    try {
      builder.target(target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command, "--target: " + e.getMessage());
    }
    if (tlsCaFile != null) {
      builder.tlsTrustedCertificates(tlsCaFile);
    }
    if ((tlsCertFile == null) != (tlsKeyFile == null)) {
      throw new ParameterException(command, "--tls-cert-file and --tls-key-file go together");
    }
    if (tlsCertFile != null) {
      builder.tlsClientCertificate(tlsCertFile, tlsKeyFile);
    }
    if (tokenFile != null) {
      builder.bearerToken(token(command));
    }
    return builder;
  }

  private String token(CommandLine command) {
    try {
      return Files.readAllLines(tokenFile, StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(line -> !line.isEmpty()).findFirst()
          .orElseThrow(() -> new ParameterException(command,
              "--token-file " + tokenFile + " holds no token"));
    } catch (IOException e) {
      throw new ParameterException(command, "--token-file " + tokenFile + " cannot be read: " + e);
    }
  }
}
