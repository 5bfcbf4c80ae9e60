package io.clipserve.bench.micro;

import com.sun.management.OperatingSystemMXBean;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Preprocessing throughput on one thread: clipserve's JPEG -> normalised 224 x 224 tensor (SQUASH)
 * against Pillow doing the same work (tools/bench_pillow_preprocess.py) on the same files, in one
 * run. Not a unit test; run it through tools/bench_preprocess.sh, which pins both to one core.
 *
 * <p>Rates are images per CPU second of the whole process (JIT and GC threads included), which
 * other tenants of a shared machine disturb far less than wall time; wall rates are printed too.
 * Java and Pillow alternate for several rounds and the median of each is compared.
 *
 * <p>usage: PreprocessBenchmark IMAGE_DIR SECONDS_PER_ROUND ROUNDS PILLOW_SCRIPT
 */
public final class PreprocessBenchmark {

  /** {@code python3} on the PATH unless the environment variable CLIPSERVE_PYTHON names another. */
  private static final String PYTHON = System.getenv().getOrDefault("CLIPSERVE_PYTHON", "python3");

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Images per CPU second and per wall second. */
  private record Rate(double cpu, double wall) {}

  private PreprocessBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<Path> files = CocoImages.files(dir);
    List<byte[]> images = CocoImages.read(files);
    ImagePreprocessor preprocessor = CocoImages.squash224();
    FloatBuffer batch = ByteBuffer.allocateDirect(4 * preprocessor.spec().tensorLength())
        .order(ByteOrder.nativeOrder()).asFloatBuffer();

    System.out.printf("%d JPEGs from %s, SQUASH 224, %d rounds of %.0f s each%n",
        files.size(), dir, rounds, seconds);
    java(preprocessor, images, batch, seconds); // warm-up: JIT compilation
    Rate[] java = new Rate[rounds];
    Rate[] pillow = new Rate[rounds];
    for (int round = 0; round < rounds; round++) {
      java[round] = java(preprocessor, images, batch, seconds);
      pillow[round] = pillow(args[3], seconds, files);
      System.out.printf("round %d  java %6.1f/cpu-s %6.1f/s   pillow %6.1f/cpu-s %6.1f/s%n",
          round + 1, java[round].cpu(), java[round].wall(), pillow[round].cpu(),
          pillow[round].wall());
    }
    double javaCpu = median(java, true);
    double pillowCpu = median(pillow, true);
    System.out.printf("java   images/s per core  %.1f  (wall %.1f)%n",
        javaCpu, median(java, false));
    System.out.printf("pillow images/s per core  %.1f  (wall %.1f)%n",
        pillowCpu, median(pillow, false));
    System.out.printf("java / pillow             %.2f  (wall %.2f)%n",
        javaCpu / pillowCpu, median(java, false) / median(pillow, false));
  }

  private static Rate java(
      ImagePreprocessor preprocessor, List<byte[]> images, FloatBuffer batch, double seconds) {
    long start = System.nanoTime();
    long startCpu = OS.getProcessCpuTime();
    long deadline = start + (long) (seconds * 1e9);
    int done = 0;
    while (System.nanoTime() < deadline) {
      for (byte[] image : images) {
        batch.clear();
        preprocessor.preprocess(image, batch);
      }
      done += images.size();
    }
    return new Rate(done / ((OS.getProcessCpuTime() - startCpu) / 1e9),
        done / ((System.nanoTime() - start) / 1e9));
  }

  private static Rate pillow(String script, double seconds, List<Path> files)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON, script, Double.toString(seconds)));
    files.forEach(f -> command.add(f.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
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
    String[] fields = result.split(" ");
    return new Rate(Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
  }

  private static double median(Rate[] rates, boolean cpu) {
    double[] values =
        Arrays.stream(rates).mapToDouble(r -> cpu ? r.cpu() : r.wall()).sorted().toArray();
    return values[values.length / 2];
  }
}
