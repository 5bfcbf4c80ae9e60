package io.clipserve.client.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.bench.Baseline;
import io.clipserve.client.bench.BenchInputs;
import io.clipserve.client.bench.Caller;
import io.clipserve.client.bench.ClosedLoopStep;
import io.clipserve.client.bench.ServerCounters;
import io.clipserve.client.bench.StepResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * run, and served / baseline.
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

    @Option(names = "--concurrency", split = ",", defaultValue = "1,8,32", paramLabel = "N[,N...]",
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
        if (batchSize < 1 || seconds <= 0 || warmupSeconds < 0 || concurrency.stream().anyMatch(c -> c < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--batch-size, --seconds and --concurrency must be positive");
        }
        String name = model.resolve(client);
        BenchInputs inputs = inputs(name);
        String encoder = inputs.isImages() ? "image" : "text";
        BenchReport report = new BenchReport(name, mode, inputs, source.images != null ? source.images : source.texts,
                warmupSeconds, seconds);
        report.printHeader(out);
        List<StepResult> steps = new ArrayList<>();
        for (int clients : concurrency) {
            ServerCounters before = ServerCounters.read(client, name, encoder);
            StepResult step = step(client, inputs, clients);
            report.printStep(out, step, ServerCounters.read(client, name, encoder).since(before));
            steps.add(step);
        }
        if (baseline != null) {
            report.printBaseline(out, runBaseline(client, name, inputs), steps);
        }
        if (json != null) {
            report.writeJson(json);
            out.println("wrote " + json);
        }
    }

    private StepResult step(ClipServeClient client, BenchInputs inputs, int clients) {
        try {
            return new ClosedLoopStep(inputs).run(clients, () -> mode.open(client),
                    Duration.ofMillis((long) (warmupSeconds * 1000)), Duration.ofMillis((long) (seconds * 1000)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Baseline.Result runBaseline(ClipServeClient client, String name, BenchInputs inputs) {
        try {
            return Baseline.run(client, name, model.version(), baseline, inputs,
                    baselineSeconds != null ? baselineSeconds : seconds);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("--baseline needs ONNX Runtime on the class path"
                    + " (bin/clipserve bench adds it once the server is built): " + e.getMessage(), e);
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
