package io.clipserve.server.backend.tensorrt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;

import io.clipserve.server.backend.EncoderException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * A deserialised engine and the runtime that made it. Owns both (engine deleted before runtime,
 * as TensorRT requires) and frees them in {@link #close()}, after every context made from it is
 * closed. Reading tensor metadata and {@link #newContext()} are safe from any thread.
 */
final class TrtEngine implements AutoCloseable {
  /** One input or output tensor as the engine declares it; {@code -1} marks a dynamic dimension. */
  record Tensor(String name, boolean input, DataType type, long[] shape) {}

  private final String label;
  private final IRuntime runtime;
  private final ICudaEngine engine;

  private TrtEngine(String label, IRuntime runtime, ICudaEngine engine) {
    this.label = label;
    this.runtime = runtime;
    this.engine = engine;
  }

  /** Deserialises {@code plan} on the calling thread's current device. */
  static TrtEngine deserialize(String label, byte[] plan) throws EncoderException {
    IRuntime runtime = TrtOwnership.own(createInferRuntime(TrtLogger.INSTANCE), IRuntime::new);
    if (runtime == null) {
      throw new EncoderException(label + ": TensorRT could not create a runtime (see the TensorRT log)");
    }
    ICudaEngine engine;
    try (BytePointer bytes = new BytePointer(plan)) {
      engine = TrtOwnership.own(runtime.deserializeCudaEngine(bytes, plan.length), ICudaEngine::new);
    }
    if (engine == null) {
      runtime.close();
      throw new EncoderException(label + ": TensorRT cannot deserialise this engine (see the TensorRT log): a .plan"
          + " only runs with the TensorRT version and GPU model it was built for (this is TensorRT "
          + TrtNatives.tensorRtVersion() + "); rebuild it, or give clipserve the .onnx file to build from");
    }
    return new TrtEngine(label, runtime, engine);
  }

  /** Every input and output tensor, in the engine's order. */
  List<Tensor> tensors() {
    List<Tensor> tensors = new ArrayList<>();
    for (int i = 0; i < engine.getNbIOTensors(); i++) {
      String name = engine.getIOTensorName(i);
      tensors.add(new Tensor(name, engine.getTensorIOMode(name) == TensorIOMode.kINPUT,
          engine.getTensorDataType(name), TrtDims.toArray(engine.getTensorShape(name))));
    }
    return tensors;
  }

  /** The batch range of profile 0 for {@code input}, or (1, 1, 1) for a static batch of 1. */
  TrtProfile profile(Tensor input) throws EncoderException {
    if (input.shape()[0] >= 0) {
      long batch = input.shape()[0];
      return TrtProfile.ofEngine(label, input.name(), batch, batch, batch);
    }
    if (engine.getNbOptimizationProfiles() < 1) {
      throw new EncoderException(label + ": the engine has a dynamic batch axis but no optimisation profile");
    }
    return TrtProfile.ofEngine(label, input.name(), profileBatch(input, OptProfileSelector.kMIN),
        profileBatch(input, OptProfileSelector.kOPT), profileBatch(input, OptProfileSelector.kMAX));
  }

  private long profileBatch(Tensor input, OptProfileSelector selector) {
    return engine.getProfileShape(input.name(), 0, selector).d(0);
  }

  /** A new execution context with its own device scratch memory, owned by the caller. */
  IExecutionContext newContext() throws EncoderException {
    IExecutionContext context = TrtOwnership.own(engine.createExecutionContext(), IExecutionContext::new);
    if (context == null) {
      throw new EncoderException(label + ": TensorRT could not create an execution context (out of GPU memory?)");
    }
    return context;
  }

  @Override
  public void close() {
    engine.close();
    runtime.close();
  }
}
