package io.clipserve.server;

import io.clipserve.server.config.LaunchArguments;
import io.micronaut.runtime.Micronaut;

/** {@code bin/clipserve serve}: starts the server with the launch flags as configuration. */
public final class ClipServeApplication {
  private ClipServeApplication() {}

  public static void main(String[] args) {
    Micronaut.build(new String[0])
        .mainClass(ClipServeApplication.class)
        .properties(LaunchArguments.toProperties(args))
        .banner(false)
        .start();
  }
}
