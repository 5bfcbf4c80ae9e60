package io.clipserve.server.preprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Preprocessing throughput on one thread: clipserve's JPEG -> normalised 224 x 224 tensor (SQUASH)
 * against Pillow doing the same work (tools/bench_pillow_preprocess.py) on the same files, in one
 * run. Not a unit test; run it through tools/bench_preprocess.sh, which pins both to one core.
 *
 * <p>usage: PreprocessBenchmark IMAGE_DIR SECONDS PILLOW_SCRIPT
 */
public final class PreprocessBenchmark {

  private PreprocessBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches("coco_.*\\.jpg")).sorted().toList();
    }
    List<byte[]> images = new ArrayList<>();
    for (Path file : files) {
      images.add(Files.readAllBytes(file));
    }
    ImagePreprocessor preprocessor = new ImagePreprocessor(new ImageSpec(224, ImageSpec.Resize.SQUASH,
        ImagePreprocessorReferenceTest.MEAN, ImagePreprocessorReferenceTest.STD, 50_000_000));
    FloatBuffer batch = ByteBuffer.allocateDirect(4 * preprocessor.spec().tensorLength())
        .order(ByteOrder.nativeOrder()).asFloatBuffer();

    run(preprocessor, images, batch, seconds); // warm-up: JIT compilation
    double java = run(preprocessor, images, batch, seconds);
    double pillow = pillow(args[2], seconds, files);
    System.out.printf("files            %d JPEGs from %s%n", files.size(), dir);
    System.out.printf("java  images/s   %.1f%n", java);
    System.out.printf("pillow images/s  %.1f%n", pillow);
    System.out.printf("java / pillow    %.2f%n", java / pillow);
  }

  private static double run(
      ImagePreprocessor preprocessor, List<byte[]> images, FloatBuffer batch, double seconds) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int done = 0;
    while (System.nanoTime() < deadline) {
      for (byte[] image : images) {
        batch.clear();
        preprocessor.preprocess(image, batch);
      }
      done += images.size();
    }
    return done / ((System.nanoTime() - start) / 1e9);
  }

  private static double pillow(String script, double seconds, List<Path> files)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script, Double.toString(seconds)));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String line;
    String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      while ((line = out.readLine()) != null) {
        if (line.startsWith("pillow ")) {
          result = line;
        } else {
          System.out.println(line);
        }
      }
    }
    if (process.waitFor() != 0 || result == null) {
      throw new IllegalStateException("the Pillow benchmark failed: " + command);
    }
    return Double.parseDouble(result.split(" ")[1]);
  }
}
