package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputSpec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;

/**
 * The min/opt/max shapes of an optimisation profile for a parsed network: each input whose batch
 * axis the ONNX model leaves open gets the {@link TrtProfile}'s batch sizes times its row shape.
 * The profile belongs to the builder that created it. Runs on the building thread; stateless.
 */
final class TrtProfileShapes {
  private TrtProfileShapes() {}

  /** Inputs whose batch axis the ONNX model leaves open; a fixed-batch export needs no profile. */
  static List<String> dynamicBatchInputs(INetworkDefinition network) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < network.getNbInputs(); i++) {
      ITensor input = network.getInput(i);
      if (input.getDimensions().d(0) < 0) {
        names.add(input.getName());
      }
    }
    return names;
  }

  /** Sets the shapes of the {@code dynamic} inputs on {@code target}; returns it. */
  static IOptimizationProfile set(EncoderSpec spec, List<String> dynamic, IOptimizationProfile target,
      TrtProfile profile) throws EncoderException {
    for (InputSpec input : spec.inputs()) {
      if (!dynamic.contains(input.name())) {
        continue;
      }
      boolean ok = target.setDimensions(input.name(), OptProfileSelector.kMIN, dims(input, profile.min()))
          && target.setDimensions(input.name(), OptProfileSelector.kOPT, dims(input, profile.opt()))
          && target.setDimensions(input.name(), OptProfileSelector.kMAX, dims(input, profile.max()));
      if (!ok) {
        throw new EncoderException(spec.label() + ": TensorRT refused the batch profile " + profile.tag()
            + " for input '" + input.name() + "' (is it an input of the ONNX model?)");
      }
    }
    return target;
  }

  private static Dims64 dims(InputSpec input, int batch) {
    return TrtDims.of(input.batchShape(batch));
  }
}
