package io.clipserve.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.clipserve.server.backend.onnx.OrtEncoderProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * The in-process baseline: the encoder file on ONNX Runtime with the server's session options and
 * intra-op thread rule (taken from {@link OrtEncoderProvider}), {@code instance_count} threads
 * sharing the session as the server's batch workers do, fed ready tensors at each batch size in
 * turn.
 * Owns its session only while {@link #measure} runs. Runs are timed one by one, so the per-run
 * latencies are those of the bare encoder call.
 */
public final class OrtBaseline {
  private static final int[] BATCH_SIZES = {1, 8, 16, 32, 64};

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private OrtBaseline() {}

  /**
   * Runs each batch size for at least {@code seconds} (and 2 runs per instance) after one warm-up
   * run, adding to the tally of each size in {@code tallies}.
   */
  static void measure(BaselineEncoder encoder, double seconds, Map<Integer, Tally> tallies)
      throws OrtException, InterruptedException {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    int instances = encoder.instances();
    try (OrtSession session = open(environment, encoder)) {
      ExecutorService pool = Executors.newFixedThreadPool(instances);
      try {
        for (int batch : batchSizes(encoder.maxBatchSize())) {
          run(environment, session, encoder, batch, seconds, instances, pool,
              tallies.computeIfAbsent(batch, b -> new Tally()));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static int[] batchSizes(int maxBatchSize) {
    int max = Math.max(1, maxBatchSize);
    return IntStream.concat(IntStream.of(BATCH_SIZES).filter(b -> b < max), IntStream.of(max))
        .toArray();
  }

  /** A session on the encoder's file with the server's settings; the caller closes it. */
  static OrtSession open(OrtEnvironment environment, BaselineEncoder encoder) throws OrtException {
    try (OrtSession.SessionOptions options =
        OrtEncoderProvider.sessionOptions(encoder.threadsPerInstance())) {
      return environment.createSession(encoder.file().toString(), options);
    }
  }

  private static void run(OrtEnvironment environment, OrtSession session, BaselineEncoder encoder,
      int batch, double seconds, int instances, ExecutorService pool, Tally tally)
      throws OrtException, InterruptedException {
    Map<String, OnnxTensor> feed = encoder.feeds().make(environment, batch);
    try {
      // Warm-up: first-run allocations and kernel choices.
      session.run(feed, Set.of(encoder.output())).close();
      long start = System.nanoTime();
      long startCpu = OS.getProcessCpuTime();
      long until = start + (long) (seconds * 1e9);
      List<Future<Integer>> workers = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        workers.add(pool.submit(() -> loop(session, feed, encoder.output(), batch, until, tally)));
      }
      for (Future<Integer> worker : workers) {
        worker.get();
      }
      tally.measured((System.nanoTime() - start) / 1e9, (OS.getProcessCpuTime() - startCpu) / 1e9);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new OrtException("the baseline run failed: " + e.getCause());
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static int loop(OrtSession session, Map<String, OnnxTensor> feed, String output,
      int batch, long until, Tally tally)
      throws OrtException {
    int runs = 0;
    while (runs < 2 || System.nanoTime() < until) {
      long start = System.nanoTime();
      session.run(feed, Set.of(output)).close();
      tally.answered(batch, System.nanoTime() - start);
      runs++;
    }
    return runs;
  }
}
