package io.clipserve.server.backend;

import io.clipserve.proto.v1.Backend;
import java.nio.file.Path;
import java.util.List;

/**
 * What to load: an encoder file and how the config says to call it.
 *
 * @param label how messages name this encoder, e.g. {@code cn-clip/1/image.onnx}
 * @param file the encoder file (checked to exist before a provider sees it)
 * @param backend the engine that runs it
 * @param inputs input tensors in the order callers fill them
 * @param output name of the float32 [batch, outputDim] output
 * @param outputDim embedding length the config promises
 * @param maxBatchSize the config's max_batch_size (0 or 1: batch 1 only)
 * @param preferredBatchSizes the model's preferred batch sizes, from which a TensorRT build derives
 *     the optimisation profile's "opt" shape
 * @param instanceCount executions that may run at once
 * @param intraOpThreads threads per execution; 0: the engine's choice for the core count
 * @param gpu GPU placement and TensorRT build options
 */
public record EncoderSpec(String label, Path file, Backend backend, List<InputSpec> inputs,
    String output, int outputDim, int maxBatchSize, List<Integer> preferredBatchSizes,
    int instanceCount, int intraOpThreads, GpuOptions gpu) {

  public EncoderSpec {
    inputs = List.copyOf(inputs);
    preferredBatchSizes = List.copyOf(preferredBatchSizes);
  }

  /** A spec for the CPU ({@link GpuOptions#NONE}) with no preferred batch sizes. */
  public EncoderSpec(String label, Path file, Backend backend, List<InputSpec> inputs, String output,
      int outputDim, int maxBatchSize, int instanceCount, int intraOpThreads) {
    this(label, file, backend, inputs, output, outputDim, maxBatchSize, List.of(), instanceCount,
        intraOpThreads, GpuOptions.NONE);
  }
}
