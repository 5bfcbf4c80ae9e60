package io.clipserve.client.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.bench.Baseline;
import io.clipserve.client.bench.BenchInputs;
import io.clipserve.client.bench.Caller;
import io.clipserve.client.bench.ClosedLoopStep;
import io.clipserve.client.bench.ProcessCpu;
import io.clipserve.client.bench.ServerCounters;
import io.clipserve.client.bench.Tally;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the load generator. Closed-loop clients over a concurrency sweep, each step a
 * warm-up then a measuring window; optionally the in-process ONNX Runtime baseline in the same
 * run, and served / baseline. {@code --rounds} repeats both, interleaved.
 */
@Command(name = "bench", description = {
    "Load generator: closed-loop clients at each concurrency, warm-up then a measuring window;",
    "prints items/s, client-side p50/p95/p99 latency and errors per step."})
final class BenchCommand extends ClientCommand {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--images", paramLabel = "DIR", required = true,
                description = "Send every .jpg/.jpeg/.png in DIR, cycled.")
        private Path images;

        @Option(names = "--texts", paramLabel = "FILE", required = true,
                description = "Send every non-blank line of FILE (UTF-8), cycled.")
        private Path texts;
    }

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32", paramLabel = "N",
            description = "Concurrent clients per step (default: ${DEFAULT-VALUE}).")
    private List<Integer> concurrency;

    @Option(names = "--mode", defaultValue = "unary", paramLabel = "unary|stream",
            converter = ModeConverter.class,
            description = "unary Embed calls, or messages on one EmbedStream per client (default: unary).")
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
            description = "Also run the model's encoder from MODEL_DIR in-process on ONNX Runtime at its best batch"
                    + " size, with the server's thread settings, and print served / baseline.")
    private Path baseline;

    @Option(names = "--rounds", defaultValue = "1", paramLabel = "N",
            description = "Repeat the sweep (and the baseline, alternately before and after it) N times;"
                    + " figures are over all rounds (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process id, when it runs on this machine: adds served items per server"
                    + " CPU second, and its ratio to the baseline's items per CPU second.")
    private Long serverPid;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    private Path json;

    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Caller.Mode> {
        @Override
        public Caller.Mode convert(String value) {
            return Caller.Mode.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Override
    protected void run(ClipServeClient client, PrintWriter out) {
        if (batchSize < 1 || seconds <= 0 || warmupSeconds < 0 || rounds < 1
                || concurrency.stream().anyMatch(c -> c < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--batch-size, --seconds, --rounds and --concurrency must be positive");
        }
        String name = model.resolve(client);
        BenchInputs inputs = inputs(name);
        String encoder = inputs.isImages() ? "image" : "text";
        Baseline prepared = baseline == null ? null : prepareBaseline(client, name, inputs);
        BenchReport report = new BenchReport(name, mode, inputs, source.images != null ? source.images : source.texts,
                warmupSeconds, seconds, rounds);
        report.printTitle(out);
        Map<Integer, Tally> served = new LinkedHashMap<>();
        Map<Integer, ServerCounters> server = new LinkedHashMap<>();
        Map<Integer, Tally> base = new TreeMap<>();
        for (int round = 0; round < rounds; round++) {
            // Baseline after the sweep, then before it, and so on: drifts in a shared machine's load
            // fall on both sides alike.
            boolean baselineFirst = round % 2 == 1;
            if (prepared != null && baselineFirst) {
                measureBaseline(prepared, base);
            }
            for (int clients : concurrency) {
                ServerCounters before = ServerCounters.read(client, name, encoder);
                Tally step = new Tally();
                runStep(client, inputs, clients, step);
                ServerCounters delta = ServerCounters.read(client, name, encoder).since(before);
                report.printProgress(out, round, clients, step);
                served.computeIfAbsent(clients, c -> new Tally()).add(step);
                server.merge(clients, delta, ServerCounters::plus);
            }
            if (prepared != null && !baselineFirst) {
                measureBaseline(prepared, base);
            }
        }
        report.printSteps(out, served, server);
        if (prepared != null) {
            report.printBaseline(out, prepared.describe(), base, served);
        }
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
        }
    }

    private void runStep(ClipServeClient client, BenchInputs inputs, int clients, Tally into) {
        try {
            DoubleSupplier cpu = serverPid == null ? () -> 0 : new ProcessCpu(serverPid)::seconds;
            new ClosedLoopStep(inputs, into).run(clients, () -> mode.open(client),
                    Duration.ofMillis((long) (warmupSeconds * 1000)), Duration.ofMillis((long) (seconds * 1000)), cpu);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Baseline prepareBaseline(ClipServeClient client, String name, BenchInputs inputs) {
        try {
            return Baseline.prepare(client, name, model.version(), baseline, inputs);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("--baseline needs ONNX Runtime on the class path"
                    + " (bin/clipserve bench adds it once the server is built): " + e.getMessage(), e);
        }
    }

    private void measureBaseline(Baseline prepared, Map<Integer, Tally> into) {
        try {
            prepared.measure(baselineSeconds != null ? baselineSeconds : seconds, into);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the baseline failed: " + e.getMessage(), e);
        }
    }

    private BenchInputs inputs(String name) {
        try {
            return source.images != null
                    ? BenchInputs.images(source.images, name, model.version(), batchSize)
                    : BenchInputs.texts(source.texts, name, model.version(), batchSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inputs: " + e, e);
        }
    }
}
