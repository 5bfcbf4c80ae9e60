package io.clipserve.server.backend;

import java.util.List;

/**
 * How an encoder uses a GPU, from its config.
 *
 * @param cudaExecutionProvider ONNX Runtime: run on the CUDA execution provider instead of the CPU
 * @param device the CUDA device ordinal (TensorRT, or ONNX Runtime on CUDA)
 * @param fp16 TensorRT, building from ONNX: allow FP16 kernels
 * @param preferredBatchSizes the model's preferred batch sizes, from which a TensorRT build derives
 *     the optimisation profile's "opt" shape
 */
public record GpuOptions(boolean cudaExecutionProvider, int device, boolean fp16,
    List<Integer> preferredBatchSizes) {

  /** CPU only, device 0, FP32, no preferred sizes. */
  public static final GpuOptions NONE = new GpuOptions(false, 0, false, List.of());

  public GpuOptions {
    preferredBatchSizes = List.copyOf(preferredBatchSizes);
  }
}
