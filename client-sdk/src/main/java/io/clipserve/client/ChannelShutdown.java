package io.clipserve.client;

import io.grpc.ManagedChannel;
import java.util.concurrent.TimeUnit;

/** Shuts down a channel a client made itself, giving calls in flight a grace period. Stateless. */
final class ChannelShutdown {

  private static final long GRACE_SECONDS = 5;

  private ChannelShutdown() {
  }

  /** Shuts {@code channel} down, waiting up to 5 s for calls in flight before cutting them off. */
  static void gracefully(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
