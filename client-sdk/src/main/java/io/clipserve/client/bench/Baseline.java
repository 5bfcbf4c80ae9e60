package io.clipserve.client.bench;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Sets the baseline up the way the server serves the model: the version directory and the encoder
 * settings come from the server's own view of the model (GetModel, defaults filled in), the token
 * ids from its Tokenize. Then runs {@link OrtBaseline}. Stateless.
 */
public final class Baseline {
  /** Texts tokenised for the baseline's batches; more would only repeat shapes it already has. */
  private static final int MAX_TEXTS = 256;

  /** What the baseline measured, and of which encoder. */
  public record Result(String encoder, long version, int intraOpThreads, int instances,
      List<OrtBaseline.BatchRun> runs) {

    public OrtBaseline.BatchRun best() {
      return runs.stream().max(Comparator.comparingDouble(OrtBaseline.BatchRun::itemsPerSecond)).orElseThrow();
    }

    /** The bare encoder's own latency spread at batch 1: p99 - p50, in milliseconds. */
    public double batchOneSpreadMillis() {
      OrtBaseline.BatchRun one = runs.get(0);
      return one.p99Millis() - one.p50Millis();
    }
  }

  private Baseline() {}

  /**
   * Measures the encoder {@code inputs} need, from {@code modelDir} (the model's directory in the
   * server's repository), {@code seconds} per batch size.
   *
   * @throws NoClassDefFoundError when ONNX Runtime is not on the class path
   */
  public static Result run(ClipServeClient client, String model, long version, Path modelDir,
      BenchInputs inputs, double seconds) throws Exception {
    ModelInfo info = client.getModel(model);
    long served = version != 0 ? version : info.getVersionsList().stream()
        .filter(v -> v.getState() == VersionInfo.State.READY).mapToLong(VersionInfo::getVersion).max()
        .orElseThrow(() -> new IllegalStateException(model + " has no READY version"));
    Path versionDir = modelDir.resolve(Long.toString(served));
    if (!Files.isDirectory(versionDir)) {
      throw new IllegalArgumentException(versionDir + " is not a directory: --baseline takes the model's"
          + " directory in the server's repository");
    }
    BaselineEncoder encoder;
    if (inputs.isImages()) {
      encoder = BaselineEncoder.image(versionDir, info.getConfig().getImageEncoder());
    } else {
      List<String> texts = inputs.texts().subList(0, Math.min(MAX_TEXTS, inputs.texts().size()));
      List<long[]> ids = client.tokenize(model, texts).stream()
          .map(t -> t.getIdsList().stream().mapToLong(Long::longValue).toArray()).toList();
      encoder = BaselineEncoder.text(versionDir, info.getConfig().getTextEncoder(), ids);
    }
    int instances = Math.max(1, encoder.instanceCount());
    int threads = OrtBaseline.intraOpThreads(encoder, instances);
    return new Result(encoder.label(), served, threads, instances, OrtBaseline.measure(encoder, seconds));
  }
}
