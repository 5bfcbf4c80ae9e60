package io.clipserve.server;

import io.clipserve.server.config.LaunchArguments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * {@code bin/clipserve serve}: starts the server with the launch flags as configuration;
 * {@code --help} prints the flags and exits 0, a bad flag prints why and the help and exits 2.
 */
public final class ClipServeApplication {
  /** A usage error's exit code, as the CLI's. */
  private static final int USAGE_ERROR = 2;

  private ClipServeApplication() {}

  public static void main(String[] args) {
    if (LaunchArguments.wantsHelp(args)) {
      System.out.print(usage());
      return;
    }
    Map<String, Object> properties;
    try {
      properties = LaunchArguments.toProperties(args);
    } catch (IllegalArgumentException e) {
      System.err.println("clipserve serve: " + e.getMessage());
      System.err.print(usage());
      System.exit(USAGE_ERROR);
      return;
    }
    Micronaut.build(new String[0])
        .mainClass(ClipServeApplication.class)
        .properties(properties)
        .banner(false)
        .start();
  }

  /** The help, with each flag's value from application.yml and the environment. */
  private static String usage() {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      Environment environment = context.getEnvironment().start();
      return LaunchArguments.usage(key -> environment.getProperty(key, String.class));
    }
  }
}
