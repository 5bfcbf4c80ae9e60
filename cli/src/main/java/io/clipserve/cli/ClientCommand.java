package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that talk to one server: each run gets a client opened from the root's
 * {@link CommonOptions} and closed after it, and prints to the command line's out writer.
 * Failures propagate to {@link FailureHandler}.
 */
@Command(mixinStandardHelpOptions = true, sortOptions = false)
public abstract class ClientCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Override
  public final Integer call() {
    ClipServeCli root = (ClipServeCli) spec.root().userObject();
    CommonOptions common = root.commonOptions();
    try (ClipServeClient client = root.clientFactory()
        .open(common, spec.commandLine())) {
      run(client, spec.commandLine().getOut());
    }
    return 0;
  }

  /** Does the command's work, printing to {@code out}. */
  protected abstract void run(ClipServeClient client, PrintWriter out);
}
