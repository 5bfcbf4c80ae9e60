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
 * everything, HTTP answering (not ready, live) until then. The drain runs from the signal
 * handlers, before the JVM's shutdown begins, not in a shutdown hook: ONNX Runtime's Java binding
 * registers a hook that releases its native environment, hooks run concurrently, and a run still
 * in flight on a session then crashed the process (SIGSEGV in {@code OrtSession.run}, issue 14).
 * Other exits (System.exit, SIGHUP) still drain in a hook, racing that one.
 */
public final class ClipServeApplication {
  /** A usage error's exit code, as the CLI's. */
  private static final int USAGE_ERROR = 2;
  private static final int STARTUP_FAILURE = 1;
  /** Set once start-up succeeded; guarded by the class lock, as start-up and stop are. */
  private static boolean started;

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
    // Installed first, so a signal right after the ready line still drains; stop() waits for
    // start-up to finish.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(context), "clipserve-exit-hook"));
    // Drained and closed, the process has done its work: exit 0 (not 143 / 130).
    Signal.handle(new Signal("TERM"), signal -> stopThenExit(context));
    Signal.handle(new Signal("INT"), signal -> stopThenExit(context));
    String failure = start(context);
    if (failure != null) {
      System.err.println("clipserve serve: cannot start: " + failure);
      System.exit(STARTUP_FAILURE);
    }
  }

  /** Starts the context and HTTP; null when started, else the one line saying why not. */
  private static synchronized String start(ApplicationContext context) {
    String httpPort = "?";
    try {
      context.start();
      httpPort = context.getProperty("micronaut.server.port", String.class).orElse(httpPort);
      context.getBean(EmbeddedServer.class).start();
      started = true;
      return null;
    } catch (RuntimeException e) {
      return reason(e, httpPort);
    }
  }

  /** Off the signal thread, which must not block: drains, closes, then lets the JVM exit. */
  private static void stopThenExit(ApplicationContext context) {
    new Thread(() -> {
      stop(context);
      System.exit(0);
    }, "clipserve-shutdown").start();
  }

  /** Drains and closes once, if start-up succeeded; later calls find it done. */
  private static synchronized void stop(ApplicationContext context) {
    if (started && context.isRunning()) {
      context.getBean(ServerLifecycle.class).shutdown();
      context.close();
    }
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
