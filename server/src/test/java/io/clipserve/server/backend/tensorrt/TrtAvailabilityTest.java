package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrtAvailabilityTest {

  /** JavaCPP's failure as it comes: "no jni… in java.library.path", caused by the dlopen error. */
  private static Throwable missing(String jni, String library) {
    UnsatisfiedLinkError cause = new UnsatisfiedLinkError("/root/.javacpp/cache/x.jar/org/bytedeco/lib" + jni
        + ".so: " + library + ": cannot open shared object file: No such file or directory");
    UnsatisfiedLinkError error = new UnsatisfiedLinkError("no " + jni + " in java.library.path: /usr/lib");
    error.initCause(cause);
    return error;
  }

  @Test
  void aMissingTensorRtLibraryIsNamedWithHowToInstallIt() {
    assertThat(TrtAvailability.describe(missing("jninvinfer", "libnvinfer.so.10")))
        .startsWith("TensorRT backend unavailable: libnvinfer.so.10 not found (install TensorRT 10 for CUDA 13")
        .contains("LD_LIBRARY_PATH");
    assertThat(TrtAvailability.describe(missing("jninvonnxparser", "libnvonnxparser.so.10")))
        .startsWith("TensorRT backend unavailable: libnvonnxparser.so.10 not found (install TensorRT 10");
  }

  @Test
  void aMissingDriverMeansNoUsableGpu() {
    assertThat(TrtAvailability.describe(missing("jnicudart", "libcuda.so.1")))
        .startsWith("TensorRT backend unavailable: libcuda.so.1 not found (this host has no NVIDIA driver")
        .contains("backend: ONNXRUNTIME");
  }

  @Test
  void aMissingCudaLibraryAsksForCuda13() {
    assertThat(TrtAvailability.describe(missing("jnicudart", "libcudart.so.13")))
        .startsWith("TensorRT backend unavailable: libcudart.so.13 not found (install the CUDA 13 runtime libraries");
    assertThat(TrtAvailability.describe(missing("jnicudnn", "libcudnn.so.9")))
        .contains("libcudnn.so.9 not found").contains("cuDNN 9");
  }

  @Test
  void aFailedJavaCppClassLaterReportsItsFirstCause() {
    Error later = new NoClassDefFoundError("Could not initialize class org.bytedeco.cuda.global.cudart");
    later.initCause(new ExceptionInInitializerError("Exception java.lang.UnsatisfiedLinkError: no jnicudart"));
    assertThat(TrtAvailability.describe(later))
        .startsWith("TensorRT backend unavailable: ExceptionInInitializerError: Exception java.lang.UnsatisfiedLinkError")
        .contains("install TensorRT 10");
  }

  @Test
  void noDeviceIsReportedAsSuch() {
    TrtAvailability none = TrtAvailability.of(0);
    assertThat(none.available()).isFalse();
    assertThat(none.reason()).startsWith("TensorRT backend unavailable: no CUDA device");
    assertThat(TrtAvailability.of(2).available()).isTrue();
    assertThat(TrtAvailability.of(2).deviceCount()).isEqualTo(2);
  }

  @Test
  void theProbeOnThisHostEitherFindsAGpuOrSaysWhatIsMissing() {
    TrtAvailability here = TrtAvailability.probe();
    assertThat(TrtAvailability.probe()).isSameAs(here);
    if (here.available()) {
      assertThat(here.deviceCount()).isPositive();
    } else {
      assertThat(here.reason()).matches("TensorRT backend unavailable: (lib\\S+\\.so[.\\d]* not found|no CUDA device) \\(.+");
    }
  }
}
