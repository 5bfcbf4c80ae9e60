package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the CLI in-process against a test server, capturing its output, and records what each
 * command asked the client factory for. The CLI code runs unchanged; only where its client
 * connects differs.
 */
final class CliRunner {

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<Duration> deadlines = new CopyOnWriteArrayList<>();
  private final ClipServeCli cli;

  /** Every client is a view over the server's in-process channel with the requested deadline. */
  CliRunner(TestServer server) {
    cli = new ClipServeCli((options, command) -> {
      Duration deadline = options.deadline(command);
      targets.add(options.target());
      deadlines.add(deadline);
      return ClipServeClient.forChannel(server.channel()).withDeadline(deadline);
    });
  }

  /** The CLI as shipped, talking over the network. */
  CliRunner() {
    cli = new ClipServeCli();
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = cli.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  List<String> targets() {
    return targets;
  }

  List<Duration> deadlines() {
    return deadlines;
  }
}
