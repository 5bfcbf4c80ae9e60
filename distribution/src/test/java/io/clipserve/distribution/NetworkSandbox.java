package io.clipserve.distribution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace with only a loopback interface, held open by an {@code unshare -n sleep}
 * process; commands run inside it through {@code nsenter}. Where namespaces cannot be made (no
 * privilege), {@link #open()} returns a sandbox that runs commands as they are, and says so in
 * {@link #isolated()}. Not thread-safe: one test owns it and closes it.
 */
final class NetworkSandbox implements AutoCloseable {
  private final Process holder;

  private NetworkSandbox(Process holder) {
    this.holder = holder;
  }

  static NetworkSandbox open() throws IOException, InterruptedException {
    if (exitCode(List.of("unshare", "-n", "true")) != 0) {
      return new NetworkSandbox(null);
    }
    Process holder = new ProcessBuilder("unshare", "-n", "sleep", "3600")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    NetworkSandbox sandbox = new NetworkSandbox(holder);
    // unshare execs sleep once the namespace exists; nsenter fails until then, so retry.
    for (int attempt = 0; attempt < 50; attempt++) {
      if (exitCode(sandbox.wrap(List.of("ip", "link", "set", "lo", "up"))) == 0) {
        return sandbox;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    sandbox.close();
    throw new IOException("could not bring up loopback in the network namespace of pid " + holder.pid());
  }

  boolean isolated() {
    return holder != null;
  }

  /** The command, to run inside the namespace. */
  List<String> wrap(List<String> command) {
    if (holder == null) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-n", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static int exitCode(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return p.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (holder != null) {
      holder.destroy();
      holder.waitFor();
    }
  }
}
