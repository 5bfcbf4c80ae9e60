package io.clipserve.server.backend.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;

/**
 * Puts a session on ONNX Runtime's CUDA execution provider, or fails the load saying what to
 * install. The CPU build of ONNX Runtime ({@code com.microsoft.onnxruntime:onnxruntime}, the one
 * clipserve ships) has no CUDA provider; {@code onnxruntime_gpu} has it and needs CUDA 12 and cuDNN 9
 * on the library path (unlike the TensorRT backend, whose JavaCPP presets use CUDA 13).
 */
final class OrtCudaProvider {
  static final String INSTALL = "replace the onnxruntime jar with com.microsoft.onnxruntime:onnxruntime_gpu"
      + " (same version) and install CUDA 12 and cuDNN 9, or set execution_provider: CPU";

  private OrtCudaProvider() {}

  static void add(EncoderSpec spec, OrtSession.SessionOptions options) throws EncoderException {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      throw new EncoderException(spec.label() + ": execution_provider CUDA is unavailable: this ONNX Runtime"
          + " build has no CUDA execution provider; " + INSTALL);
    }
    try {
      options.addCUDA(spec.gpu().device());
    } catch (OrtException | RuntimeException | LinkageError e) {
      throw new EncoderException(spec.label() + ": ONNX Runtime's CUDA execution provider cannot start on GPU "
          + spec.gpu().device() + ": " + e.getMessage() + " (" + INSTALL + ")", e);
    }
  }
}
