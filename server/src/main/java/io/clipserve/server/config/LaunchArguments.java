package io.clipserve.server.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates the launch flags of {@code bin/clipserve serve} into configuration properties, so a
 * flag, an environment variable and {@code application.yml} all set the same key.
 */
public final class LaunchArguments {
  private static final Map<String, String> FLAGS = Map.of(
      "--model-repository", "clipserve.model-repository",
      "--grpc-port", "clipserve.grpc.port",
      "--http-port", "micronaut.server.port",
      "--poll-seconds", "clipserve.poll-seconds");

  private LaunchArguments() {}

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
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      String key = FLAGS.get(flag);
      if (key == null) {
        throw new IllegalArgumentException("unknown flag " + flag + "; known: " + FLAGS.keySet());
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      properties.put(key, value);
    }
    return properties;
  }
}
