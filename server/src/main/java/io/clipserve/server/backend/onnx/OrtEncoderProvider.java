package io.clipserve.server.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.clipserve.proto.v1.Backend;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import jakarta.inject.Singleton;

/**
 * Loads {@code .onnx} encoders into ONNX Runtime sessions, on the CPU or, when the config asks for
 * {@code execution_provider: CUDA}, on ONNX Runtime's CUDA execution provider. Thread-safe.
 */
@Singleton
public final class OrtEncoderProvider implements EncoderProvider {
  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();

  @Override
  public Backend backend() {
    return Backend.ONNXRUNTIME;
  }

  @Override
  public Encoder load(EncoderSpec spec) throws EncoderException {
    OrtSession session;
    int threads = intraOpThreads(spec.intraOpThreads(), spec.instanceCount());
    try (OrtSession.SessionOptions options = sessionOptions(threads)) {
      if (spec.gpu().cudaExecutionProvider()) {
        OrtCudaProvider.add(spec, options);
      }
      session = environment.createSession(spec.file().toString(), options);
    } catch (OrtException e) {
      throw new EncoderException(spec.label() + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    }
    try {
      int modelBatch = OrtSignatureCheck.check(spec, session);
      return new OrtEncoder(spec, environment, session, modelBatch);
    } catch (EncoderException | RuntimeException e) {
      closeQuietly(session);
      throw e;
    }
  }

  /**
   * The session options of every encoder this provider loads on the CPU, for
   * {@code intraOpThreads} threads per execution. Public so the bench's in-process baseline runs
   * the encoder exactly as the server does. The caller owns (closes) them; any thread may call.
   */
  public static OrtSession.SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    options.setIntraOpNumThreads(intraOpThreads);
    options.setInterOpNumThreads(1);
    // Spinning workers would steal the cores that preprocessing and the other encoder need.
    options.addConfigEntry("session.intra_op.allow_spinning", "0");
    return options;
  }

  /**
   * Intra-op threads per execution: {@code configured} when positive, else the cores shared out
   * over the {@code instanceCount} executions that may run at once (at least 1).
   */
  public static int intraOpThreads(int configured, int instanceCount) {
    if (configured > 0) {
      return configured;
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, instanceCount));
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Already failing; the load error is what the caller needs.
    }
  }
}
