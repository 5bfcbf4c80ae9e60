package io.clipserve.server.backend.tensorrt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Engines built from ONNX files, kept beside them. An engine only runs on the GPU model and
 * TensorRT version it was built with, and bakes in its batch profile and precision, so the file
 * name carries all four: {@code image.onnx} on an RTX 4090 with TensorRT 10.15.1, batches 1..32 tuned
 * for 16, FP16 becomes {@code .image.nvidia-geforce-rtx-4090.trt10.15.1.b1-16-32.fp16.plan}. A cached
 * engine older than its ONNX file is stale. Thread-safe (writes are atomic renames).
 */
final class TrtEngineCache {
  private static final Logger LOG = LoggerFactory.getLogger(TrtEngineCache.class);

  private TrtEngineCache() {}

  static Path planFor(Path onnx, String gpuName, String tensorRtVersion, TrtProfile profile, boolean fp16) {
    String base = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
    // Hidden, so the repository's change detection does not take the server's own cache for an
    // operator's edit (VersionFingerprint skips dot-files).
    String name = "." + base + "." + slug(gpuName) + ".trt" + tensorRtVersion + "." + profile.tag()
        + (fp16 ? ".fp16" : "") + ".plan";
    return onnx.resolveSibling(name);
  }

  /** Lower case, runs of anything but letters and digits as one '-': "NVIDIA A100-SXM4-40GB" → "nvidia-a100-sxm4-40gb". */
  static String slug(String text) {
    String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return slug.isEmpty() ? "gpu" : slug;
  }

  /** The cached engine's bytes, or null when there is none or it is older than {@code onnx}. */
  static byte[] readIfFresh(Path plan, Path onnx) throws IOException {
    if (!Files.isRegularFile(plan)
        || Files.getLastModifiedTime(plan).compareTo(Files.getLastModifiedTime(onnx)) < 0) {
      return null;
    }
    return Files.readAllBytes(plan);
  }

  /** Stores {@code engine}; a read-only repository only costs a rebuild next time, so failures are logged. */
  static void write(Path plan, byte[] engine) {
    try {
      Path partial = Files.createTempFile(plan.getParent(), ".", ".plan.partial");
      try {
        Files.write(partial, engine);
        Files.move(partial, plan, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      LOG.warn("cannot cache the TensorRT engine as {}: {}; it will be rebuilt on the next load", plan, e.toString());
    }
  }
}
