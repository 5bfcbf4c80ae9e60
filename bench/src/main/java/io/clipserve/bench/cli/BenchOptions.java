package io.clipserve.bench.cli;

import io.clipserve.bench.BenchInputs;
import io.clipserve.bench.BenchRun;
import io.clipserve.bench.Caller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code bench}: what to send, how the sweep goes, the baseline, the JSON file. */
final class BenchOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private BenchSource source;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32", paramLabel = "N",
      description = "Concurrent clients per step (default: ${DEFAULT-VALUE}).")
  private List<Integer> concurrency;

  @Option(names = "--mode", defaultValue = "unary", paramLabel = "unary|stream",
      converter = ModeConverter.class,
      description = "unary Embed calls, or messages on one EmbedStream per client"
          + " (default: unary).")
  private Caller.Mode mode;

  @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N",
      description = "Items per request (default: ${DEFAULT-VALUE}).")
  private int batchSize;

  @Option(names = "--warmup-seconds", defaultValue = "5", paramLabel = "S",
      description = "Warm-up of each step, not measured (default: ${DEFAULT-VALUE}).")
  private double warmupSeconds;

  @Option(names = "--seconds", defaultValue = "20", paramLabel = "S",
      description = "Measuring window of each step (default: ${DEFAULT-VALUE}).")
  private double seconds;

  @Option(names = "--baseline-seconds", paramLabel = "S",
      description = "Measuring time of each baseline batch size (default: --seconds).")
  private Double baselineSeconds;

  @Option(names = "--baseline", paramLabel = "MODEL_DIR",
      description = "Also run the model's encoder from MODEL_DIR in-process on ONNX Runtime"
          + " at its best batch size, with the server's thread settings, and print served"
          + " / baseline.")
  private Path baseline;

  @Option(names = "--light-load-seconds", defaultValue = "0", paramLabel = "S",
      description = "With --baseline: per round, S seconds of single requests paired with bare"
          + " encoder calls at batch 1, one at a time, and the p99 - p50 spread serving adds"
          + " (default: none).")
  private double lightLoadSeconds;

  @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
      description = "Repeat the sweep (and the baseline, alternately before and after it) N times;"
          + " figures are over all rounds (default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Option(names = "--interval-seconds", paramLabel = "S",
      description = "Also print each step's items/s, p50, p99 and errors every S seconds from its"
          + " start, warm-up included: a replica going away shows as a dip and a recovery"
          + " (default: none).")
  private Double intervalSeconds;

  @Option(names = "--server-pid", paramLabel = "PID",
      description = "The server's process id, when it runs on this machine: adds served items"
          + " per server CPU second, and its ratio to the baseline's items per CPU second.")
  private Long serverPid;

  @Option(names = "--json", paramLabel = "FILE",
      description = "Also write the results as JSON to FILE.")
  private Path json;

  static final class ModeConverter implements ITypeConverter<Caller.Mode> {
    @Override
    public Caller.Mode convert(String value) {
      return Caller.Mode.valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /** The run the options ask for; a usage error when a count or time is not positive. */
  BenchRun.Plan plan() {
    if (batchSize < 1 || seconds <= 0 || warmupSeconds < 0 || rounds < 1 || lightLoadSeconds < 0
        || concurrency.stream().anyMatch(c -> c < 1)
        || (intervalSeconds != null && !(intervalSeconds >= 0.001))) {
      throw new ParameterException(mixee.commandLine(),
          "--batch-size, --seconds, --rounds and --concurrency must be positive,"
              + " --interval-seconds at least 0.001, --light-load-seconds not negative");
    }
    return new BenchRun.Plan(mode, concurrency, Duration.ofMillis((long) (warmupSeconds * 1000)),
        Duration.ofMillis((long) (seconds * 1000)), rounds, serverPid,
        baselineSeconds != null ? baselineSeconds : seconds, lightLoadSeconds,
        intervalSeconds == null ? null : Duration.ofNanos((long) (intervalSeconds * 1e9)));
  }

  /** The requests to send, read from the files given. */
  BenchInputs inputs(String model, long version) {
    return source.inputs(model, version, batchSize);
  }

  /** The model directory to run the baseline from; null: no baseline. */
  Path baseline() {
    return baseline;
  }

  /** The file to write the results to as JSON; null: none. */
  Path json() {
    return json;
  }

  /** The report's header: model, inputs and timings as given. */
  BenchReport report(String model, BenchInputs inputs) {
    return new BenchReport(model, mode, inputs, source.path(),
        warmupSeconds, seconds, rounds);
  }
}
