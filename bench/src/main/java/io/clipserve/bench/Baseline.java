package io.clipserve.bench;

import ai.onnxruntime.OrtException;
import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The baseline set up the way the server serves the model: the version directory and the encoder
 * settings come from the server's own view of the model (GetModel, defaults filled in), the token
 * ids from its Tokenize. {@link #measure} runs {@link OrtBaseline}; it may be called once per
 * round. Immutable.
 */
public final class Baseline {
  /** Texts tokenised for the baseline's batches; more would only repeat shapes it already has. */
  private static final int MAX_TEXTS = 256;

  private final BaselineEncoder encoder;
  private final long version;

  private Baseline(BaselineEncoder encoder, long version) {
    this.encoder = encoder;
    this.version = version;
  }

  /**
   * The baseline of the encoder {@code inputs} need, from {@code modelDir} (the model's directory
   * in the server's repository).
   *
   * @throws NoClassDefFoundError when ONNX Runtime is not on the class path
   */
  public static Baseline prepare(ClipServeClient client, String model, long version, Path modelDir,
      BenchInputs inputs) {
    ModelInfo info = client.getModel(model);
    long served = version != 0 ? version : info.getVersionsList().stream()
        .filter(v -> v.getState() == VersionInfo.State.READY)
        .mapToLong(VersionInfo::getVersion).max()
        .orElseThrow(() -> new IllegalStateException(model + " has no READY version"));
    Path versionDir = modelDir.resolve(Long.toString(served));
    if (!Files.isDirectory(versionDir)) {
      throw new IllegalArgumentException(versionDir + " is not a directory: --baseline takes the"
          + " model's directory in the server's repository");
    }
    if (inputs.isImages()) {
      return new Baseline(
          BaselineEncoder.image(versionDir, info.getConfig().getImageEncoder()), served);
    }
    List<String> texts = inputs.texts().subList(0, Math.min(MAX_TEXTS, inputs.texts().size()));
    List<long[]> ids = client.tokenize(model, texts).stream()
        .map(t -> t.getIdsList().stream().mapToLong(Long::longValue).toArray()).toList();
    return new Baseline(
        BaselineEncoder.text(versionDir, info.getConfig().getTextEncoder(), ids), served);
  }

  /**
   * Runs every batch size for {@code seconds}, adding to each size's tally in {@code tallies}.
   *
   * @throws IllegalStateException when ONNX Runtime fails or the thread is interrupted
   */
  public void measure(double seconds, Map<Integer, Tally> tallies) {
    inProcess(() -> OrtBaseline.measure(encoder, seconds, tallies));
  }

  /**
   * Adds {@code seconds} of served requests through {@code caller} paired with bare batch-1 calls
   * of this encoder, after {@code warmup}, to {@code into}.
   *
   * @throws IllegalStateException when ONNX Runtime fails or the thread is interrupted
   */
  public void measureLightLoad(PairedLightLoad into, Caller caller, BenchInputs inputs,
      Duration warmup, double seconds) {
    inProcess(() -> into.measure(encoder, caller, inputs, warmup, seconds));
  }

  /** A run of the in-process encoder. */
  private interface EncoderRun {
    void run() throws OrtException, InterruptedException;
  }

  private static void inProcess(EncoderRun run) {
    try {
      run.run();
    } catch (OrtException e) {
      throw new IllegalStateException("the baseline failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * "text encoder of version 1 in-process on ONNX Runtime, 2 intra-op thread(s), 1 instance(s)".
   */
  public String describe() {
    return encoder.label() + " encoder of version " + version + " in-process on ONNX Runtime, "
        + encoder.threadsPerInstance() + " intra-op thread(s), " + encoder.instances()
        + " instance(s)";
  }
}
