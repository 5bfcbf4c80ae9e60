package io.clipserve.server.backend.tensorrt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether this process can run TensorRT engines, and if not, why, in words that say what to
 * install. The natives are loaded once, on the first TENSORRT load: a failed JavaCPP class cannot
 * be loaded again, so the first answer is the answer for the process. Thread-safe, immutable.
 */
public final class TrtAvailability {
  static final String PREFIX = "TensorRT backend unavailable: ";
  private static final Pattern MISSING = Pattern.compile("(lib[\\w.+-]+?\\.so[.\\d]*): cannot open shared object file");
  private static final String TENSORRT = "install TensorRT 10 for CUDA 13 (the TensorRT-10.x.Linux.x86_64-gnu.cuda-13"
      + " tar, or the libnvinfer10 and libnvonnxparsers10 packages) and put its lib directory on LD_LIBRARY_PATH";
  private static final String CUDA = "install the CUDA 13 runtime libraries (cudart, cuBLAS, NVRTC; cuDNN 9 for"
      + " libcudnn) and put them on LD_LIBRARY_PATH";
  private static final String DRIVER = "this host has no NVIDIA driver, so no usable GPU: install an NVIDIA driver"
      + " recent enough for CUDA 13 (R580 or newer), or serve the model with backend: ONNXRUNTIME";
  private static final String DEVICE = "check nvidia-smi and CUDA_VISIBLE_DEVICES; CUDA 13 needs driver R580 or"
      + " newer; or serve the model with backend: ONNXRUNTIME";

  private final String reason;
  private final int deviceCount;

  private TrtAvailability(String reason, int deviceCount) {
    this.reason = reason;
    this.deviceCount = deviceCount;
  }

  /** Probes once per process (loads the CUDA and TensorRT natives, counts devices) and remembers it. */
  public static TrtAvailability probe() {
    return Probed.RESULT;
  }

  public boolean available() {
    return reason == null;
  }

  /** Why TensorRT cannot run here; null when it can. */
  public String reason() {
    return reason;
  }

  /** CUDA devices found; 0 when unavailable. */
  public int deviceCount() {
    return deviceCount;
  }

  static TrtAvailability of(int deviceCount) {
    return deviceCount > 0 ? new TrtAvailability(null, deviceCount)
        : unavailable("no CUDA device (the driver reports none; " + DEVICE + ")");
  }

  private static TrtAvailability unavailable(String why) {
    return new TrtAvailability(why.startsWith(PREFIX) ? why : PREFIX + why, 0);
  }

  /** The reason for a failure to load or initialise the natives, naming the missing library. */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Matcher m = MISSING.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        String library = m.group(1);
        return PREFIX + library + " not found (" + advice(library) + ")";
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return PREFIX + root.getClass().getSimpleName() + ": " + root.getMessage() + " (" + TENSORRT + "; " + CUDA + ")";
  }

  private static String advice(String library) {
    if (library.startsWith("libcuda.")) {
      return DRIVER;
    }
    if (library.startsWith("libnvinfer") || library.startsWith("libnvonnxparser")) {
      return TENSORRT;
    }
    return CUDA;
  }

  /** The probe runs when this class is first used, i.e. on the first TENSORRT load. */
  private static final class Probed {
    static final TrtAvailability RESULT = run();

    private static TrtAvailability run() {
      try {
        return of(TrtNatives.loadAndCountDevices());
      } catch (TrtNatives.CudaFailure e) {
        return unavailable("no CUDA device (" + e.getMessage() + "; " + DEVICE + ")");
      } catch (LinkageError | RuntimeException e) { // UnsatisfiedLinkError and kin: natives missing
        return unavailable(describe(e));
      }
    }
  }
}
