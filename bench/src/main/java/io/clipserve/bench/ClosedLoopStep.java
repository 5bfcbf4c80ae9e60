package io.clipserve.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One step of a sweep: {@code concurrency} closed-loop clients, each sending its next request as
 * soon as the previous one is answered, through a warm-up and then a measuring window. A request
 * counts (into the step's {@link Tally}) when its answer arrives inside the window; the step's
 * throughput is the sum of the clients' own rates ({@link AnswerSpans}). Answers are
 * handled on one thread of the step's own, so a callback never runs inside the call that made it;
 * the same thread cuts the step into {@link #everyInterval intervals} when asked. One use per
 * instance.
 */
public final class ClosedLoopStep {
  private final BenchInputs inputs;
  private final Tally tally;
  private final AtomicLong next = new AtomicLong();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "bench-loop");
    thread.setDaemon(true);
    return thread;
  });
  private volatile long measureFrom = Long.MAX_VALUE;
  private volatile long measureUntil = Long.MAX_VALUE;
  private volatile boolean stopping;
  private CountDownLatch stopped;
  private double cpuUsed;
  private Duration interval;
  private Consumer<Interval> onInterval;
  // Set before the clients start, then used on the loop thread only.
  private IntervalMeter meter;
  // Written on the loop thread only; read after the stop latch.
  private AnswerSpans spans;

  public ClosedLoopStep(BenchInputs inputs, Tally tally) {
    this.inputs = inputs;
    this.tally = tally;
  }

  /** Also hands on the step's figures every {@code length}, on the answer thread, as they end. */
  public ClosedLoopStep everyInterval(Duration length, Consumer<Interval> intervalDone) {
    this.interval = length;
    this.onInterval = intervalDone;
    return this;
  }

  /**
   * Runs the step with callers from {@code callers}, adding what the window measured to the tally,
   * with the CPU seconds {@code cpu} counts over the window (a clock that stays at 0: none).
   */
  public void run(int concurrency, Supplier<Caller> callers, Duration warmup, Duration window,
      DoubleSupplier cpu) throws InterruptedException {
    stopped = new CountDownLatch(concurrency);
    spans = new AnswerSpans(concurrency);
    List<Caller> opened = new ArrayList<>();
    try {
      for (int i = 0; i < concurrency; i++) {
        opened.add(callers.get());
      }
      long start = System.nanoTime();
      if (interval != null) {
        meter = new IntervalMeter(start, interval.toNanos(), onInterval);
        // Ticks end intervals in which nothing is answered, e.g. while every replica is away.
        loop.scheduleAtFixedRate(() -> meter.roll(System.nanoTime()), interval.toNanos(),
            interval.toNanos(), TimeUnit.NANOSECONDS);
      }
      measureFrom = start + warmup.toNanos();
      measureUntil = measureFrom + window.toNanos();
      for (int client = 0; client < concurrency; client++) {
        issue(client, opened.get(client));
      }
      TimeUnit.NANOSECONDS.sleep(measureFrom - System.nanoTime());
      double cpuFrom = cpu.getAsDouble();
      TimeUnit.NANOSECONDS.sleep(measureUntil - System.nanoTime());
      cpuUsed = cpu.getAsDouble() - cpuFrom;
      stopping = true;
      stopped.await(5, TimeUnit.MINUTES);
      if (meter != null) {
        loop.submit(() -> meter.finish(System.nanoTime())).get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("printing an interval failed", e.getCause());
    } finally {
      opened.forEach(Caller::close);
      loop.shutdown();
    }
    // The window's CPU time is scaled to the effective seconds, so per CPU second keeps the
    // window's CPU rate.
    double windowSeconds = window.toNanos() / 1e9;
    double seconds = spans.effectiveSeconds(windowSeconds);
    tally.measured(seconds, cpuUsed * seconds / windowSeconds);
  }

  private void issue(int client, Caller caller) {
    if (stopping) {
      stopped.countDown();
      return;
    }
    long sent = System.nanoTime();
    caller.call(inputs.request(next.getAndIncrement())).whenCompleteAsync((answer, error) -> {
      long answeredAt = System.nanoTime();
      if (meter != null) {
        if (error == null) {
          meter.answered(answeredAt, inputs.batchSize(), answeredAt - sent);
        } else {
          meter.failed(answeredAt);
        }
      }
      if (answeredAt >= measureFrom && answeredAt < measureUntil) {
        if (error == null) {
          tally.answered(inputs.batchSize(), answeredAt - sent);
          spans.answered(client, answeredAt);
        } else {
          tally.failed();
        }
      }
      issue(client, caller);
    }, loop);
  }
}
