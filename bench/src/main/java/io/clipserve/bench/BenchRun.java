package io.clipserve.bench;

import io.clipserve.client.ClipServeClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * A whole bench run over one model: the concurrency sweep (a {@link ClosedLoopStep} per
 * concurrency) repeated for a number of rounds, with the baseline, if any, measured in each round
 * alternately after and before the sweep. Figures add up over all rounds. One use per instance;
 * not thread-safe.
 */
public final class BenchRun {

  /**
   * How a run goes.
   *
   * @param serverPid the server's process id, to read its CPU time; null: not read
   * @param baselineSeconds the measuring time of each baseline batch size
   * @param lightLoadSeconds the measuring time of the paired light-load step; 0: none
   * @param interval the length of the intervals each step is also reported in; null: none
   */
  public record Plan(Caller.Mode mode, List<Integer> concurrency, Duration warmup, Duration window,
      int rounds, Long serverPid, double baselineSeconds, double lightLoadSeconds,
      Duration interval) {
  }

  /** Told of each step of each round as it ends, and of each interval of a step as it ends. */
  public interface Progress {
    void stepDone(int round, int concurrency, Tally step);

    /** On the step's answer thread, when the plan asks for intervals. */
    default void intervalDone(int round, int concurrency, Interval interval) {
    }
  }

  private final ClipServeClient client;
  private final String model;
  private final BenchInputs inputs;
  private final Plan plan;
  private final Map<Integer, Tally> served = new LinkedHashMap<>();
  private final Map<Integer, ServerCounters> server = new LinkedHashMap<>();
  private final Map<Integer, Tally> baseline = new TreeMap<>();
  private final PairedLightLoad lightLoad = new PairedLightLoad();

  public BenchRun(ClipServeClient client, String model, BenchInputs inputs, Plan plan) {
    this.client = client;
    this.model = model;
    this.inputs = inputs;
    this.plan = plan;
  }

  /** Runs every round; {@code prepared} is the baseline, or null for none. */
  public void run(Baseline prepared, Progress progress) {
    String encoder = inputs.isImages() ? "image" : "text";
    for (int round = 0; round < plan.rounds(); round++) {
      // Baseline after the sweep, then before it, and so on: drifts in a shared machine's load
      // fall on both sides alike.
      boolean baselineFirst = round % 2 == 1;
      if (prepared != null && baselineFirst) {
        measure(prepared);
      }
      for (int clients : plan.concurrency()) {
        ServerCounters before = ServerCounters.read(client, model, encoder);
        Tally step = new Tally();
        runStep(round, clients, step, progress);
        ServerCounters delta = ServerCounters.read(client, model, encoder).since(before);
        progress.stepDone(round, clients, step);
        served.computeIfAbsent(clients, c -> new Tally()).add(step);
        server.merge(clients, delta, ServerCounters::plus);
      }
      if (prepared != null && !baselineFirst) {
        measure(prepared);
      }
      if (prepared != null && plan.lightLoadSeconds() > 0) {
        measureLightLoad(prepared);
      }
    }
  }

  /** The served figures per concurrency, in the sweep's order. */
  public Map<Integer, Tally> served() {
    return Collections.unmodifiableMap(served);
  }

  /** The server's batching counters per concurrency, in the sweep's order. */
  public Map<Integer, ServerCounters> server() {
    return Collections.unmodifiableMap(server);
  }

  /** The baseline's figures per batch size, smallest first; empty without a baseline. */
  public Map<Integer, Tally> baseline() {
    return Collections.unmodifiableMap(baseline);
  }

  /** The paired light-load figures; empty unless the plan and a baseline asked for them. */
  public PairedLightLoad lightLoad() {
    return lightLoad;
  }

  private void runStep(int round, int clients, Tally into, Progress progress) {
    try {
      DoubleSupplier cpu =
          plan.serverPid() == null ? () -> 0 : new ProcessCpu(plan.serverPid())::seconds;
      ClosedLoopStep step = new ClosedLoopStep(inputs, into);
      if (plan.interval() != null) {
        step.everyInterval(plan.interval(),
            interval -> progress.intervalDone(round, clients, interval));
      }
      step.run(clients, () -> plan.mode().open(client), plan.warmup(),
          plan.window(), cpu);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void measure(Baseline prepared) {
    prepared.measure(plan.baselineSeconds(), baseline);
  }

  private void measureLightLoad(Baseline prepared) {
    try (Caller caller = plan.mode().open(client)) {
      prepared.measureLightLoad(lightLoad, caller, inputs, plan.warmup(), plan.lightLoadSeconds());
    }
  }
}
