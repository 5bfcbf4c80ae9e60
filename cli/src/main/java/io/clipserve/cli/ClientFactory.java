package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import java.time.Duration;

/** Opens the client a command talks through; tests substitute one over an in-process channel. */
@FunctionalInterface
interface ClientFactory {

  /** Plaintext gRPC to the target, every call with the deadline. */
  ClientFactory NETWORK = (target, deadline) ->
      ClipServeClient.builder().target(target).deadline(deadline).build();

  /** A client the caller closes. */
  ClipServeClient open(String target, Duration deadline);
}
