package io.clipserve.server.config;

import java.util.Map;
import java.util.Optional;

/**
 * The log format: {@code text} or {@code json}. Logback reads it from the system property
 * {@link #KEY} when it configures itself ({@code logback.xml} picks the appender of that name),
 * so the launcher must set it before the first logger is made. Stateless; any thread may call.
 */
public final class LogFormat {
  public static final String TEXT = "text";
  public static final String JSON = "json";
  public static final String KEY = "clipserve.log-format";
  public static final String ENVIRONMENT = "CLIPSERVE_LOG_FORMAT";

  private LogFormat() {}

  /** The value itself when it is a known format. */
  public static String require(String value) {
    if (!TEXT.equals(value) && !JSON.equals(value)) {
      throw new IllegalArgumentException("--log-format (" + KEY + ", " + ENVIRONMENT
          + ") must be text or json, not '" + value + "'");
    }
    return value;
  }

  /**
   * The format the launch flags, else the system property, else the environment ask for (text
   * when none does), checked.
   */
  public static String choose(Map<String, Object> flags, Map<String, String> environment) {
    Object value = Optional.ofNullable(flags.get(KEY)).orElse(Optional.ofNullable(
        System.getProperty(KEY)).orElse(environment.getOrDefault(ENVIRONMENT, TEXT)));
    return require(String.valueOf(value));
  }
}
