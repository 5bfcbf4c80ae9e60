package io.clipserve.client.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code clipserve} command line client (main class) and its root command. Each
 * {@link #run} parses into a fresh command tree, so one instance may run any number of commands,
 * from any threads. New commands are added to {@code subcommands} below (see the package doc).
 */
@Command(name = "clipserve", mixinStandardHelpOptions = true, version = "clipserve client 0.1.0",
    description = "Client of a clipserve server: embeddings, similarity, zero-shot classification,"
        + " models, load generator.",
    subcommands = {
      EmbedCommand.class,
      SimilarityCommand.class,
      ClassifyCommand.class,
      ModelsCommand.class,
      BenchCommand.class,
      HelpCommand.class,
    })
public final class ClipServeCli implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private CommonOptions common;

  private final ClientFactory clientFactory;

  /** The command line client talking gRPC over the network. */
  public ClipServeCli() {
    this(ClientFactory.NETWORK);
  }

  ClipServeCli(ClientFactory clientFactory) {
    this.clientFactory = clientFactory;
  }

  /** Runs one command and exits with its code (see the package doc for the codes). */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    System.exit(new ClipServeCli().run(args, out, err));
  }

  /**
   * Runs one command, printing to {@code out} and {@code err} (flushed before returning).
   *
   * @return the exit code: 0 success, 1 local failure, 2 usage error, 64 + gRPC status code
   */
  public int run(String[] args, PrintWriter out, PrintWriter err) {
    // A fresh root per run: picocli takes the fields' current values as the defaults.
    CommandLine commandLine = new CommandLine(new ClipServeCli(clientFactory))
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler(new FailureHandler());
    try {
      return commandLine.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  CommonOptions commonOptions() {
    return common;
  }

  ClientFactory clientFactory() {
    return clientFactory;
  }

  /** Without a command: a usage error listing them. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "Missing a command: embed, similarity, classify, models or bench");
  }
}
