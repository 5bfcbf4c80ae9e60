package io.clipserve.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Translates the launch flags of {@code bin/clipserve serve} into configuration properties, so a
 * flag, an environment variable and {@code application.yml} all set the same key; and prints
 * their help. The one table of flags below serves both. Stateless; any thread may call.
 */
public final class LaunchArguments {

  /** A flag, the property it sets, the environment variable that sets the same, what it does. */
  private record Flag(String name, String label, String key, String environment,
      String description) {}

  private static final List<Flag> FLAGS = List.of(
      new Flag("--model-repository", "DIR", "clipserve.model-repository",
          "CLIPSERVE_MODEL_REPOSITORY",
          "the model repository (bin/clipserve: the bundled model-repository/)"),
      new Flag("--grpc-port", "N", "clipserve.grpc.port", "CLIPSERVE_GRPC_PORT",
          "the gRPC port; 0 picks a free one"),
      new Flag("--http-port", "N", "micronaut.server.port", "MICRONAUT_SERVER_PORT",
          "the HTTP port (health, metrics); -1 picks a free one"),
      new Flag("--poll-seconds", "N", "clipserve.poll-seconds", "CLIPSERVE_POLL_SECONDS",
          "seconds between scans of the repository for changes; 0 scans only at start"),
      new Flag("--bind-address", "ADDR", "clipserve.bind-address", "CLIPSERVE_BIND_ADDRESS",
          "the address both ports listen on (0.0.0.0: all interfaces)"),
      new Flag("--tls-cert-file", "PEM", "clipserve.tls.cert-file", "CLIPSERVE_TLS_CERT_FILE",
          "the server certificate chain: TLS on both ports, plaintext refused"),
      new Flag("--tls-key-file", "PEM", "clipserve.tls.key-file", "CLIPSERVE_TLS_KEY_FILE",
          "the certificate's private key"),
      new Flag("--tls-client-ca-file", "PEM", "clipserve.tls.client-ca-file",
          "CLIPSERVE_TLS_CLIENT_CA_FILE",
          "CA certificates of clients: mutual TLS, a client certificate is required"),
      new Flag("--admin-token-file", "FILE", "clipserve.admin-token-file",
          "CLIPSERVE_ADMIN_TOKEN_FILE", "bearer tokens (one a line) LoadModel/UnloadModel need"),
      new Flag("--inference-token-file", "FILE", "clipserve.inference-token-file",
          "CLIPSERVE_INFERENCE_TOKEN_FILE",
          "bearer tokens (one a line) inference and /metrics need"),
      // Shutdown, readiness and logging.
      new Flag("--drain-seconds", "N", "clipserve.drain-seconds", "CLIPSERVE_DRAIN_SECONDS",
          "on SIGTERM/SIGINT, seconds in-flight requests have to finish before exit"),
      new Flag("--strict-readiness", "BOOL", "clipserve.strict-readiness",
          "CLIPSERVE_STRICT_READINESS",
          "ready only when every model has a READY version (false: once started)"),
      new Flag("--log-format", "FORMAT", LogFormat.KEY, LogFormat.ENVIRONMENT,
          "text (ISO-8601 dates) or json (one object per line)"));

  private LaunchArguments() {}

  /** Whether {@code args} ask for the help ({@code --help} or {@code -h} anywhere). */
  public static boolean wantsHelp(String... args) {
    return List.of(args).contains("--help") || List.of(args).contains("-h");
  }

  /**
   * Reads {@code --flag value} and {@code --flag=value} pairs.
   *
   * @throws IllegalArgumentException naming an unknown flag or one without a value
   */
  public static Map<String, Object> toProperties(String... args) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      Flag flag = FLAGS.stream().filter(f -> f.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown flag " + name + "; known: "
              + FLAGS.stream().map(Flag::name).toList()));
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      properties.put(flag.key(), value);
    }
    return properties;
  }

  /**
   * The help of {@code serve}: every flag with its environment variable and the value it has
   * when not given, which {@code current} reads for a property key (empty: unset).
   */
  public static String usage(Function<String, Optional<String>> current) {
    StringBuilder text = new StringBuilder("Usage: clipserve serve [FLAG VALUE | FLAG=VALUE]...\n")
        .append("Starts the server. Each flag may also be set by its environment variable.\n");
    for (Flag flag : FLAGS) {
      text.append(String.format("  %-24s %s%n", flag.name() + " " + flag.label(),
          flag.description()));
      text.append(String.format("  %-24s env %s, default %s%n", "", flag.environment(),
          current.apply(flag.key()).orElse("unset")));
    }
    return text.append(String.format("  %-24s %s%n", "-h, --help", "this help")).toString();
  }
}
