package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrtEngineCacheTest {
  @TempDir
  Path dir;

  @Test
  void theCachedEngineIsNamedForGpuTensorRtVersionProfileAndPrecision() {
    Path onnx = dir.resolve("1/image.onnx");
    assertThat(TrtEngineCache.planFor(onnx, "NVIDIA GeForce RTX 4090", "10.15.1", new TrtProfile(1, 16, 32), true))
        .isEqualTo(dir.resolve("1/.image.nvidia-geforce-rtx-4090.trt10.15.1.b1-16-32.fp16.plan"));
    assertThat(TrtEngineCache.planFor(onnx, "Tesla T4", "10.15.1", new TrtProfile(1, 1, 1), false))
        .isEqualTo(dir.resolve("1/.image.tesla-t4.trt10.15.1.b1-1-1.plan"));
  }

  @Test
  void gpuNamesBecomeFileNameSafe() {
    assertThat(TrtEngineCache.slug("NVIDIA A100-SXM4-40GB")).isEqualTo("nvidia-a100-sxm4-40gb");
    assertThat(TrtEngineCache.slug(" ../weird/ name ")).isEqualTo("weird-name");
    assertThat(TrtEngineCache.slug("///")).isEqualTo("gpu");
  }

  @Test
  void aCachedEngineIsReusedUntilTheOnnxFileIsNewer() throws Exception {
    Path onnx = Files.write(dir.resolve("text.onnx"), new byte[] {1});
    Path plan = dir.resolve("text.gpu.trt10.15.1.b1-1-1.plan");
    assertThat(TrtEngineCache.readIfFresh(plan, onnx)).isNull();
    TrtEngineCache.write(plan, new byte[] {7, 8, 9});
    assertThat(TrtEngineCache.readIfFresh(plan, onnx)).containsExactly(7, 8, 9);
    Files.setLastModifiedTime(onnx, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(TrtEngineCache.readIfFresh(plan, onnx)).isNull();
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("text.onnx", plan.getFileName().toString());
  }

  @Test
  void anUnwritableDirectoryOnlyCostsARebuild() throws Exception {
    Path plan = dir.resolve("missing-dir/image.gpu.plan");
    TrtEngineCache.write(plan, new byte[] {1});
    assertThat(plan).doesNotExist();
  }
}
