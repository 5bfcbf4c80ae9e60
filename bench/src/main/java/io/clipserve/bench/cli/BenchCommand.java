package io.clipserve.bench.cli;

import io.clipserve.cli.ClientCommand;
import io.clipserve.cli.ModelOptions;
import io.clipserve.client.ClipServeClient;
import io.clipserve.bench.Baseline;
import io.clipserve.bench.BenchInputs;
import io.clipserve.bench.BenchRun;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bench}: the load generator. Closed-loop clients over a concurrency sweep, each step a
 * warm-up then a measuring window; optionally the in-process ONNX Runtime baseline in the same
 * run, and served / baseline. {@code --rounds} repeats both, interleaved. The options are
 * {@link BenchOptions}, the run {@link BenchRun}, the output {@link BenchReport}.
 */
@Command(name = "bench", description = {
  "Load generator: closed-loop clients at each concurrency, warm-up then a measuring window;",
  "prints items/s, client-side p50/p95/p99 latency and errors per step."})
final class BenchCommand extends ClientCommand {

  @Mixin
  private ModelOptions model;

  @Mixin
  private BenchOptions options;

  @Override
  protected void run(ClipServeClient client, PrintWriter out) {
    BenchRun.Plan plan = options.plan();
    String name = model.resolve(client);
    BenchInputs inputs = options.inputs(name, model.version());
    Baseline prepared = options.baseline() == null ? null
        : Baseline.prepare(client, name, model.version(), options.baseline(), inputs);
    BenchReport report = options.report(name, inputs);
    report.printTitle(out);
    BenchRun run = new BenchRun(client, name, inputs, plan);
    run.run(prepared, report.progress(out));
    report.printSteps(out, run.served(), run.server());
    if (prepared != null) {
      report.printBaseline(out, prepared.describe(), run.baseline(), run.served());
      if (run.lightLoad().bare().requests() > 0) {
        report.printLightLoad(out, run.lightLoad());
      }
    }
    if (options.json() != null) {
      report.writeJson(options.json());
      out.println("wrote " + options.json());
    }
  }
}
