package io.clipserve.server.backend;

/**
 * How an encoder uses a GPU, from its config. Batching settings live in {@link EncoderSpec}.
 *
 * @param cudaExecutionProvider ONNX Runtime: run on the CUDA execution provider instead of the CPU
 * @param device the CUDA device ordinal (TensorRT, or ONNX Runtime on CUDA)
 * @param fp16 TensorRT, building from ONNX: allow FP16 kernels
 */
public record GpuOptions(boolean cudaExecutionProvider, int device, boolean fp16) {

  /** CPU only, device 0, FP32. */
  public static final GpuOptions NONE = new GpuOptions(false, 0, false);
}
