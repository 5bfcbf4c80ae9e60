package io.clipserve.server;

import io.clipserve.server.config.LaunchArguments;
import io.clipserve.server.config.LogFormat;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.BindException;
import java.util.Map;
import sun.misc.Signal;

/**
 * {@code bin/clipserve serve}: starts the server with the launch flags as configuration;
 * {@code --help} prints the flags and exits 0, a bad flag prints why and the help and exits 2, a
 * start-up failure prints one line naming the setting to change and exits 1.
 *
 * <p>SIGTERM and SIGINT exit 0 after {@link ServerLifecycle#shutdown()} drained and closed
 * everything, HTTP answering (not ready, live) until then. The launcher owns the shutdown hook
 * instead of Micronaut, so the drain runs before the HTTP server stops.
 */
public final class ClipServeApplication {
  /** A usage error's exit code, as the CLI's. */
  private static final int USAGE_ERROR = 2;
  private static final int STARTUP_FAILURE = 1;

  private ClipServeApplication() {}

  public static void main(String[] args) {
    if (LaunchArguments.wantsHelp(args)) {
      System.out.print(usage());
      return;
    }
    Map<String, Object> properties;
    try {
      properties = LaunchArguments.toProperties(args);
      // Before the first logger exists: logback.xml picks its appender by this property.
      System.setProperty(LogFormat.KEY, LogFormat.choose(properties, System.getenv()));
    } catch (IllegalArgumentException e) {
      System.err.println("clipserve serve: " + e.getMessage());
      System.err.print(usage());
      System.exit(USAGE_ERROR);
      return;
    }
    ApplicationContext context = ApplicationContext.builder()
        .mainClass(ClipServeApplication.class)
        .properties(properties)
        .banner(false)
        .build();
    String httpPort = "?";
    try {
      context.start();
      httpPort = context.getProperty("micronaut.server.port", String.class).orElse(httpPort);
      context.getBean(EmbeddedServer.class).start();
    } catch (RuntimeException e) {
      System.err.println("clipserve serve: cannot start: " + reason(e, httpPort));
      System.exit(STARTUP_FAILURE);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.getBean(ServerLifecycle.class).shutdown();
      context.close();
    }, "clipserve-shutdown"));
    // The JVM would exit 143 / 130 on these signals; a drained shutdown is a clean exit.
    Signal.handle(new Signal("TERM"), signal -> exitCleanly());
    Signal.handle(new Signal("INT"), signal -> exitCleanly());
  }

  /** Runs the shutdown hook, then exits 0; off the signal thread, which must not block. */
  private static void exitCleanly() {
    new Thread(() -> System.exit(0), "clipserve-exit").start();
  }

  /** The one line saying why start-up failed: a {@link StartupException}'s, else the deepest. */
  private static String reason(Throwable failure, String httpPort) {
    Throwable deepest = failure;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StartupException startup) {
        return startup.getMessage();
      }
      if (cause instanceof BindException) {
        return "the HTTP port " + httpPort + " is in use (" + cause.getMessage()
            + "); choose another with --http-port (MICRONAUT_SERVER_PORT)";
      }
      deepest = cause;
    }
    return deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
  }

  /** The help, with each flag's value from application.yml and the environment. */
  private static String usage() {
    try (ApplicationContext context = ApplicationContext.builder().build()) {
      Environment environment = context.getEnvironment().start();
      return LaunchArguments.usage(key -> environment.getProperty(key, String.class));
    }
  }
}
