package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import picocli.CommandLine;

/** Opens the client a command talks through; tests substitute one over an in-process channel. */
@FunctionalInterface
interface ClientFactory {

  /** gRPC to the target with the options' deadline, TLS files and bearer token. */
  ClientFactory NETWORK = (options, command) -> options.clientBuilder(command).build();

  /**
   * A client the caller closes.
   *
   * @param command the command line running, for usage errors about the options
   */
  ClipServeClient open(CommonOptions options, CommandLine command);
}
