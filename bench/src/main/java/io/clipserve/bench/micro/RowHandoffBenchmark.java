package io.clipserve.bench.micro;

import io.clipserve.server.preprocess.ImagePreprocessor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether preprocessing should write straight into the batch's direct input buffer: times, on one
 * thread, the handoff the server does (decode into a heap float[] on the preprocessing pool, then
 * the batch worker copies the 224 x 224 x 3 floats into its direct row) against decoding straight
 * into a direct row, and the copy alone. Not a unit test. The README's batching section quotes it.
 *
 * <p>usage: RowHandoffBenchmark IMAGE_DIR SECONDS
 */
public final class RowHandoffBenchmark {
  private RowHandoffBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<byte[]> images = CocoImages.read(CocoImages.files(Path.of(args[0])));
    double seconds = Double.parseDouble(args[1]);
    ImagePreprocessor preprocessor = CocoImages.squash224();
    int length = preprocessor.spec().tensorLength();
    FloatBuffer row =
        ByteBuffer.allocateDirect(4 * length).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] heap = new float[length];
    for (int round = 0; round < 3; round++) { // the first round warms the JIT up
      double viaHeap = perImage(seconds, images, image -> {
        float[] pixels = new float[length];
        preprocessor.preprocess(image, FloatBuffer.wrap(pixels));
        row.clear();
        row.put(pixels);
      });
      double direct = perImage(seconds, images, image -> {
        row.clear();
        preprocessor.preprocess(image, row);
      });
      double copy = perImage(seconds, images, image -> {
        row.clear();
        row.put(heap);
      });
      System.out.printf("round %d: via heap float[] %.0f us/image, straight into the direct row"
          + " %.0f us/image, the copy alone %.1f us/image (%d KB)%n",
          round, viaHeap, direct, copy, 4 * length / 1024);
    }
  }

  private interface Work {
    void run(byte[] image);
  }

  private static double perImage(double seconds, List<byte[]> images, Work work) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long done = 0;
    while (System.nanoTime() < deadline) {
      for (byte[] image : images) {
        work.run(image);
      }
      done += images.size();
    }
    return (System.nanoTime() - start) / 1e3 / done;
  }
}
