package io.clipserve.bench.cli;

import io.clipserve.cli.ClipServeCli;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code bin/clipserve bench}: the command line client with {@code bench} added, in a process of
 * its own because the baseline needs ONNX Runtime and the server's backend, which the CLI leaves
 * out. Arguments start with the command name, as for the CLI.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Runs one command and exits with its code (the CLI's codes). */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    System.exit(run(args, out, err));
  }

  /**
   * Runs one command, e.g. {@code bench --texts FILE}, printing to {@code out} and {@code err}.
   * Any thread may call it; each call parses into a fresh command tree.
   *
   * @return the exit code, as {@link ClipServeCli#run} returns it
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return new ClipServeCli(List.of(BenchCommand.class)).run(args, out, err);
  }
}
