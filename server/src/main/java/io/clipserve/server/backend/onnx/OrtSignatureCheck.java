package io.clipserve.server.backend.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputSpec;
import java.util.Arrays;
import java.util.Map;

/**
 * Compares a session's inputs and output with what the config promises, so a mismatch fails the
 * load with a message instead of failing every request.
 */
final class OrtSignatureCheck {
  private OrtSignatureCheck() {}

  /**
   * Checks the signature; returns the inputs' fixed batch size, 0 when their batch axis is dynamic.
   *
   * @throws EncoderException also for a batch axis fixed above 1: ONNX Runtime would refuse every
   *     smaller batch, and the batcher forms batches of any size up to its maximum
   */
  static int check(EncoderSpec spec, OrtSession session) throws EncoderException {
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      int modelBatch = 0;
      for (InputSpec input : spec.inputs()) {
        TensorInfo info = tensor(spec, inputs, input.name(), "input");
        long[] shape = info.getShape();
        if (info.type != javaType(input)) {
          throw new EncoderException(spec.label() + ": input '" + input.name() + "' is " + info.type
              + " in the model but the config makes it " + input.type());
        }
        if (!input.fitsModelShape(shape)) {
          throw new EncoderException(spec.label() + ": input '" + input.name() + "' has shape "
              + Arrays.toString(shape) + " but the config makes it [batch, "
              + Arrays.toString(input.rowShape()).replace("[", "") + " (check image_size / context_length)");
        }
        if (shape[0] > 1) {
          throw new EncoderException(spec.label() + ": input '" + input.name() + "' has a fixed"
              + " batch size of " + shape[0] + "; clipserve runs batches of 1 up to max_batch_size:"
              + " export the model with a dynamic batch axis (see tools/README.md, Fixed or dynamic"
              + " batch)");
        }
        if (shape[0] == 1) {
          modelBatch = 1;
        }
      }
      TensorInfo out = tensor(spec, outputs, spec.output(), "output");
      long[] outShape = out.getShape();
      long dim = outShape.length == 0 ? -1 : outShape[outShape.length - 1];
      if (dim > 0 && dim != spec.outputDim()) {
        throw new EncoderException(spec.label() + ": output '" + spec.output() + "' has " + dim
            + " values per row but embedding_dim is " + spec.outputDim());
      }
      return modelBatch;
    } catch (OrtException e) {
      throw new EncoderException(spec.label() + ": cannot read the model's signature: " + e.getMessage(), e);
    }
  }

  private static TensorInfo tensor(EncoderSpec spec, Map<String, NodeInfo> nodes, String name, String kind)
      throws EncoderException {
    NodeInfo node = nodes.get(name);
    if (node == null) {
      throw new EncoderException(spec.label() + ": the model has no " + kind + " named '" + name
          + "'; its " + kind + "s are " + nodes.keySet());
    }
    if (!(node.getInfo() instanceof TensorInfo info)) {
      throw new EncoderException(spec.label() + ": " + kind + " '" + name + "' is not a tensor");
    }
    return info;
  }

  private static OnnxJavaType javaType(InputSpec input) {
    return switch (input.type()) {
      case FLOAT32 -> OnnxJavaType.FLOAT;
      case INT64 -> OnnxJavaType.INT64;
      case INT32 -> OnnxJavaType.INT32;
    };
  }
}
