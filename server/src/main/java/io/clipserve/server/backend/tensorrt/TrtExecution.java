package io.clipserve.server.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaStreamCreateWithFlags;
import static org.bytedeco.cuda.global.cudart.cudaStreamDestroy;
import static org.bytedeco.cuda.global.cudart.cudaStreamNonBlocking;
import static org.bytedeco.cuda.global.cudart.cudaStreamSynchronize;

import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.InputTensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;

/**
 * One concurrent execution of an engine: an execution context, its CUDA stream, and device plus
 * pinned host buffers for every bound tensor, sized for {@code maxBatch}. Tensor addresses are set
 * once; each run sets the input shapes for its batch, copies in, enqueues, copies out and waits.
 *
 * <p>Not thread-safe: one thread at a time, which {@link TrtEncoder}'s pool guarantees. Owns all of
 * the above and frees it in {@link #close()} (context first, then memory, then the stream).
 */
final class TrtExecution implements AutoCloseable {
  private final String label;
  private final int device;
  private final int maxBatch;
  private final TrtStaging staging;
  private final List<TrtBinding> inputs;
  private final TrtBinding output;
  private final List<TrtBuffers> buffers = new ArrayList<>(); // inputs' in order, then the output's
  private final List<Dims64> shapes = new ArrayList<>();
  private final CUstream_st stream = new CUstream_st();
  private IExecutionContext context;

  /**
   * {@code bindings}: the inputs, then the output, as {@link TrtSignatureCheck} lists them;
   * {@code specs}: the encoder's inputs, found by their bindings' names.
   */
  TrtExecution(String label, int device, TrtEngine engine, List<TrtBinding> bindings, List<InputSpec> specs,
      int maxBatch) throws EncoderException {
    this.label = label;
    this.device = device;
    this.maxBatch = maxBatch;
    this.staging = new TrtStaging(label);
    this.inputs = List.copyOf(bindings.subList(0, bindings.size() - 1));
    this.output = bindings.get(bindings.size() - 1);
    try {
      TrtNatives.check(cudaStreamCreateWithFlags(stream, cudaStreamNonBlocking), label, "cudaStreamCreate");
      context = engine.newContext();
      for (TrtBinding binding : bindings) {
        TrtBuffers tensor = new TrtBuffers(label, binding.name(), binding.engineBytes(maxBatch));
        buffers.add(tensor);
        if (!context.setTensorAddress(binding.name(), tensor.device())) {
          throw new EncoderException(label + ": TensorRT refused the address of tensor '" + binding.name() + "'");
        }
      }
      for (TrtBinding input : inputs) {
        InputSpec spec = specs.stream().filter(s -> s.name().equals(input.name())).findFirst()
            .orElseThrow();
        shapes.add(TrtDims.of(spec.batchShape(maxBatch))); // batch set per run
      }
    } catch (EncoderException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Runs the first {@code batch} rows of {@code tensors}; returns {@code batch × outputDim} floats. */
  float[] run(InputTensors tensors, int batch) throws EncoderException {
    if (batch < 1 || batch > maxBatch) {
      throw new EncoderException(label + ": batch " + batch + " is outside 1.." + maxBatch);
    }
    TrtNatives.useDevice(label, device);
    try {
      for (int i = 0; i < inputs.size(); i++) {
        feed(inputs.get(i), buffers.get(i), shapes.get(i), tensors, batch);
      }
      if (!context.enqueueV3(stream)) {
        throw new EncoderException(label + ": TensorRT enqueueV3 failed (see the TensorRT log)");
      }
      TrtBuffers out = buffers.get(inputs.size());
      TrtNatives.check(cudaMemcpyAsync(out.pinned(), out.device(), output.engineBytes(batch), cudaMemcpyDeviceToHost,
          stream), label, "device-to-host copy of '" + output.name() + "'");
      TrtNatives.check(cudaStreamSynchronize(stream), label, "cudaStreamSynchronize");
      staging.checkOutputShape(output, TrtDims.toArray(context.getTensorShape(output.name())), batch);
      return staging.readOutput(output, out.host(), batch);
    } catch (EncoderException e) {
      cudaStreamSynchronize(stream); // nothing queued may still use the staging buffers on the next run
      throw e;
    }
  }

  /** Stages one input, queues its copy to the device and sets its shape for this batch. */
  private void feed(TrtBinding input, TrtBuffers tensor, Dims64 shape, InputTensors tensors, int batch)
      throws EncoderException {
    staging.stageInput(input, tensors.buffer(input.name()), tensor.host(), batch);
    TrtNatives.check(cudaMemcpyAsync(tensor.device(), tensor.pinned(), input.engineBytes(batch),
        cudaMemcpyHostToDevice, stream), label, "host-to-device copy of '" + input.name() + "'");
    shape.d(0, batch);
    if (!context.setInputShape(input.name(), shape)) {
      throw new EncoderException(label + ": TensorRT refused batch " + batch + " for '" + input.name() + "'");
    }
  }

  @Override
  public void close() {
    cudaSetDevice(device); // close may run on another thread than the loads and runs
    if (context != null) {
      context.close();
      context = null;
    }
    buffers.forEach(TrtBuffers::close);
    buffers.clear();
    shapes.forEach(Dims64::close);
    shapes.clear();
    if (!stream.isNull()) {
      cudaStreamDestroy(stream);
      stream.setNull();
    }
  }
}
