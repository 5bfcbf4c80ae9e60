package io.clipserve.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, mixed into each command that prints a response. Not inherited from the root like
 * {@link CommonOptions}, so a command may give {@code --json} another meaning ({@code bench
 * --json FILE}).
 */
final class JsonOption {

  @Option(names = "--json", description = "Machine-readable output: JSON, one object per line.")
  private boolean json;

  boolean json() {
    return json;
  }
}
