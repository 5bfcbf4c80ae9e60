package io.clipserve.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * from any threads. New commands are added to {@code subcommands} below (see the package doc);
 * another module adds its own through {@link #ClipServeCli(List)} ({@code bench} does).
 */
@Command(name = "clipserve", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
    description = "Client of a clipserve server: embeddings, similarity, zero-shot classification,"
        + " models.",
    subcommands = {
      EmbedCommand.class,
      SimilarityCommand.class,
      ClassifyCommand.class,
      ModelsCommand.class,
      HelpCommand.class,
    })
public final class ClipServeCli implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Mixin
  private CommonOptions common;

  private final ClientFactory clientFactory;
  private final List<Class<?>> extraCommands;

  /** The command line client talking gRPC over the network. */
  public ClipServeCli() {
    this(List.of());
  }

  /**
   * The client with {@code extraCommands} (picocli {@code @Command} classes, each instantiated
   * afresh per run) beside the built-in ones.
   */
  public ClipServeCli(List<Class<?>> extraCommands) {
    this(ClientFactory.NETWORK, extraCommands);
  }

  ClipServeCli(ClientFactory clientFactory) {
    this(clientFactory, List.of());
  }

  private ClipServeCli(ClientFactory clientFactory, List<Class<?>> extraCommands) {
    this.clientFactory = clientFactory;
    this.extraCommands = List.copyOf(extraCommands);
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
    CommandLine commandLine = new CommandLine(new ClipServeCli(clientFactory, extraCommands));
    extraCommands.forEach(commandLine::addSubcommand);
    commandLine
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
    List<String> commands = spec.subcommands().keySet().stream()
        .filter(name -> !name.equals("help")).toList();
    throw new ParameterException(spec.commandLine(),
        "Missing a command: " + String.join(", ", commands));
  }
}
