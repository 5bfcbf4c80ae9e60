package io.clipserve.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.clipserve.proto.v1.EmbedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The light-load figure measured in pairs: one served request, then one bare encoder call at batch
 * 1 in this process (or the other way round, alternately), one at a time, so whatever else the
 * machine does in the meantime falls on both sides alike. A served latency is the client's, a
 * bare one that of {@code OrtSession.run} with the server's session settings. Taken apart, the
 * two p99 - p50 spreads moved by more than the figure itself between runs on a shared machine.
 * Figures add up over the rounds of a run. Runs on the calling thread; one measurement at a time.
 */
public final class PairedLightLoad {
  private final Tally served = new Tally();
  private final Tally bare = new Tally();

  /** The served requests' latencies. */
  public Tally served() {
    return served;
  }

  /** The bare encoder calls' latencies. */
  public Tally bare() {
    return bare;
  }

  /** Served p99 - p50 minus the bare encoder's: the spread serving adds, in milliseconds. */
  public double spreadAddedMillis() {
    return spreadMillis(served) - spreadMillis(bare);
  }

  /** A tally's p99 - p50 in milliseconds. */
  public static double spreadMillis(Tally tally) {
    return tally.percentileMillis(99) - tally.percentileMillis(50);
  }

  /**
   * Pairs calls through {@code warmup} (not counted) and then {@code seconds}, sending
   * {@code inputs}' requests in turn through {@code caller}. The session and its batch-1 feed live
   * only for this call.
   */
  void measure(BaselineEncoder encoder, Caller caller, BenchInputs inputs, Duration warmup,
      double seconds) throws OrtException, InterruptedException {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession session = OrtBaseline.open(environment, encoder)) {
      Map<String, OnnxTensor> feed = encoder.feeds().make(environment, 1);
      try {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long until = measureFrom + (long) (seconds * 1e9);
        long pair = 0;
        for (long now = start; now < until; now = System.nanoTime(), pair++) {
          boolean counted = now >= measureFrom;
          // Served first in even pairs, bare first in odd ones: neither always follows the other.
          for (int side = 0; side < 2; side++) {
            if ((side + pair) % 2 == 0) {
              callServer(caller, inputs.request(pair), inputs.batchSize(), counted);
            } else {
              callEncoder(session, feed, encoder.output(), counted);
            }
          }
        }
        double measured = (System.nanoTime() - measureFrom) / 1e9;
        served.measured(measured, 0);
        bare.measured(measured, 0);
      } finally {
        feed.values().forEach(OnnxTensor::close);
      }
    }
  }

  private void callServer(Caller caller, EmbedRequest request, int items,
      boolean counted) throws InterruptedException {
    long sent = System.nanoTime();
    try {
      caller.call(request).get();
      if (counted) {
        served.answered(items, System.nanoTime() - sent);
      }
    } catch (ExecutionException e) {
      if (counted) {
        served.failed();
      }
    }
  }

  private void callEncoder(OrtSession session, Map<String, OnnxTensor> feed, String output,
      boolean counted) throws OrtException {
    long start = System.nanoTime();
    session.run(feed, Set.of(output)).close();
    if (counted) {
      bare.answered(1, System.nanoTime() - start);
    }
  }
}
