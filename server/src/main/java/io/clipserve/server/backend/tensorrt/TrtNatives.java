package io.clipserve.server.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;
import static org.bytedeco.cuda.global.cudart.cudaSetDevice;
import static org.bytedeco.cuda.global.cudart.cudaSuccess;

import io.clipserve.server.backend.EncoderException;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvonnxparser;

/**
 * The process-wide native side: loading the CUDA runtime, TensorRT and its ONNX parser, device
 * queries, CUDA error checks. Only {@link TrtAvailability} calls {@link #loadAndCountDevices()};
 * everything else runs after it reported TensorRT available. Thread-safe (CUDA's runtime is).
 */
final class TrtNatives {
  private TrtNatives() {}

  /** A CUDA call failed before any device could be used. */
  static final class CudaFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CudaFailure(String message) {
      super(message);
    }
  }

  /** Loads cudart and nvinfer (throws a LinkageError naming what is missing) and counts devices. */
  static int loadAndCountDevices() throws CudaFailure {
    Loader.load(cudart.class);
    Loader.load(nvinfer.class);
    int[] count = new int[1];
    int status = cudaGetDeviceCount(count);
    if (status != cudaSuccess) {
      throw new CudaFailure("cudaGetDeviceCount: " + errorText(status));
    }
    return count[0];
  }

  /** Loads the ONNX parser, needed only to build engines. */
  static void loadParser(String label) throws EncoderException {
    try {
      Loader.load(nvonnxparser.class);
    } catch (LinkageError e) {
      throw new EncoderException(label + ": cannot build an engine from ONNX: " + TrtAvailability.describe(e), e);
    }
  }

  /** Makes {@code device} current for the calling thread (CUDA's current device is per thread). */
  static void useDevice(String label, int device) throws EncoderException {
    check(cudaSetDevice(device), label, "cudaSetDevice(" + device + ")");
  }

  /** The device's marketing name, e.g. "NVIDIA GeForce RTX 4090". */
  static String deviceName(String label, int device) throws EncoderException {
    try (cudaDeviceProp properties = new cudaDeviceProp()) {
      check(cudaGetDeviceProperties(properties, device), label, "cudaGetDeviceProperties(" + device + ")");
      return properties.name().getString();
    }
  }

  /** The loaded libnvinfer's version, e.g. "10.15.1". */
  static String tensorRtVersion() {
    return nvinfer.getInferLibMajorVersion() + "." + nvinfer.getInferLibMinorVersion() + "."
        + nvinfer.getInferLibPatchVersion();
  }

  static void check(int status, String label, String call) throws EncoderException {
    if (status != cudaSuccess) {
      throw new EncoderException(label + ": " + call + " failed: " + errorText(status));
    }
  }

  static String errorText(int status) {
    return cudaGetErrorString(status).getString() + " (cudaError " + status + ")";
  }
}
