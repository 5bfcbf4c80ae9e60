package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a spec into a {@link TrtEncoder} once TensorRT is known to be available: picks the device,
 * obtains the engine (a {@code .plan} as is; an {@code .onnx} from the cache beside it or built and
 * cached), checks its signature and creates one execution per instance. On failure everything
 * created so far is freed. Runs on the loading thread; stateless.
 */
final class TrtEncoderFactory {
  private TrtEncoderFactory() {}

  static TrtEncoder create(EncoderSpec spec, int deviceCount) throws EncoderException {
    int device = spec.gpu().device();
    if (device >= deviceCount) {
      throw new EncoderException(spec.label() + ": gpu_device " + device + " does not exist; this host has "
          + deviceCount + " CUDA device" + (deviceCount == 1 ? "" : "s") + " (0.." + (deviceCount - 1) + ")");
    }
    TrtNatives.useDevice(spec.label(), device);
    TrtEngine engine = TrtEngine.deserialize(spec.label(), plan(spec, device));
    List<TrtExecution> executions = new ArrayList<>();
    try {
      TrtSignatureCheck.Result signature = TrtSignatureCheck.check(spec, engine);
      int maxBatch = signature.profile().maxBatchSize(spec.maxBatchSize());
      for (int i = 0; i < spec.instanceCount(); i++) {
        executions.add(new TrtExecution(spec.label(), device, engine, signature.bindings(), spec.inputs(),
            maxBatch));
      }
      return new TrtEncoder(spec, engine, executions, maxBatch, signature.profile().max());
    } catch (EncoderException | RuntimeException e) {
      executions.forEach(TrtExecution::close);
      engine.close();
      throw e;
    }
  }

  private static byte[] plan(EncoderSpec spec, int device) throws EncoderException {
    Path file = spec.file();
    try {
      if (!file.getFileName().toString().endsWith(".onnx")) {
        return Files.readAllBytes(file);
      }
      TrtProfile profile = TrtProfile.forBuild(spec.maxBatchSize(), spec.preferredBatchSizes());
      Path cached = TrtEngineCache.planFor(file, TrtNatives.deviceName(spec.label(), device),
          TrtNatives.tensorRtVersion(), profile, spec.gpu().fp16());
      byte[] plan = TrtEngineCache.readIfFresh(cached, file);
      if (plan == null) {
        plan = TrtEngineBuilder.build(spec, profile);
        TrtEngineCache.write(cached, plan);
      }
      return plan;
    } catch (IOException e) {
      throw new EncoderException(spec.label() + ": cannot read the engine: " + e.getMessage(), e);
    }
  }
}
