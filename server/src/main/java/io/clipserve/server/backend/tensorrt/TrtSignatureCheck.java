package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.tensorrt.TrtBinding.Conversion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bytedeco.tensorrt.global.nvinfer.DataType;

/**
 * Compares an engine's tensors with what the config promises, so a mismatch fails the load with a
 * message instead of failing every request, and works out how each tensor is bound.
 */
final class TrtSignatureCheck {
  /** The bindings (inputs in the spec's order, then the output) and the batch range they allow. */
  record Result(List<TrtBinding> bindings, TrtProfile profile) {}

  private TrtSignatureCheck() {}

  static Result check(EncoderSpec spec, TrtEngine engine) throws EncoderException {
    Map<String, TrtEngine.Tensor> tensors = engine.tensors().stream()
        .collect(Collectors.toMap(TrtEngine.Tensor::name, Function.identity()));
    List<TrtBinding> bindings = new ArrayList<>();
    TrtProfile profile = null;
    for (InputSpec input : spec.inputs()) {
      TrtEngine.Tensor tensor = tensor(spec, tensors, input.name(), true);
      if (!input.fitsModelShape(tensor.shape())) {
        throw new EncoderException(spec.label() + ": input '" + input.name() + "' has shape "
            + Arrays.toString(tensor.shape()) + " in the engine but the config makes it [batch, "
            + Arrays.toString(input.rowShape()).replace("[", "") + " (check image_size / context_length)");
      }
      bindings.add(new TrtBinding(input.name(), false, input.rowElements(), bytes(tensor.type()),
          inputConversion(spec, input, tensor.type())));
      TrtProfile own = engine.profile(tensor);
      profile = profile == null || own.max() < profile.max() ? own : profile;
    }
    TrtEngine.Tensor out = tensor(spec, tensors, spec.output(), false);
    long dim = out.shape().length == 0 ? -1 : out.shape()[out.shape().length - 1];
    if (dim > 0 && dim != spec.outputDim()) {
      throw new EncoderException(spec.label() + ": output '" + spec.output() + "' has " + dim
          + " values per row but embedding_dim is " + spec.outputDim());
    }
    Conversion conversion = switch (out.type()) {
      case kFLOAT -> Conversion.COPY;
      case kHALF -> Conversion.HALF_TO_FLOAT;
      default -> throw new EncoderException(spec.label() + ": output '" + spec.output() + "' is " + out.type()
          + "; clipserve reads float32 or float16 outputs");
    };
    bindings.add(new TrtBinding(out.name(), true, spec.outputDim(), bytes(out.type()), conversion));
    return new Result(bindings, profile);
  }

  /** The engine's element type for a caller input, or a clear failure; int64 ids narrow to int32. */
  static Conversion inputConversion(EncoderSpec spec, InputSpec input, DataType engineType) throws EncoderException {
    ElementType type = input.type();
    if (type == ElementType.FLOAT32 && engineType == DataType.kFLOAT
        || type == ElementType.INT32 && engineType == DataType.kINT32
        || type == ElementType.INT64 && engineType == DataType.kINT64) {
      return Conversion.COPY;
    }
    if (type == ElementType.INT64 && engineType == DataType.kINT32) {
      return Conversion.INT64_TO_INT32;
    }
    throw new EncoderException(spec.label() + ": input '" + input.name() + "' is " + engineType
        + " in the engine but the config makes it " + type
        + (engineType == DataType.kINT64 ? " (set input_type: INT64)" : ""));
  }

  private static int bytes(DataType type) {
    return switch (type) {
      case kHALF, kBF16 -> 2;
      case kINT64 -> 8;
      case kINT8, kUINT8, kBOOL, kFP8 -> 1;
      default -> 4;
    };
  }

  private static TrtEngine.Tensor tensor(EncoderSpec spec, Map<String, TrtEngine.Tensor> tensors, String name,
      boolean input) throws EncoderException {
    String kind = input ? "input" : "output";
    TrtEngine.Tensor tensor = tensors.get(name);
    if (tensor == null || tensor.input() != input) {
      throw new EncoderException(spec.label() + ": the engine has no " + kind + " named '" + name + "'; its "
          + kind + "s are " + tensors.values().stream().filter(t -> t.input() == input)
          .map(TrtEngine.Tensor::name).toList());
    }
    return tensor;
  }
}
