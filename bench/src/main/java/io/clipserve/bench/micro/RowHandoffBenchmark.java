package io.clipserve.bench.micro;

import io.clipserve.server.preprocess.image.ImagePreprocessor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether preprocessing should write straight into the batch's direct input buffer: the handoff
 * the server does (decode into a heap float[] on the preprocessing pool, then the batch worker
 * copies the 224 x 224 x 3 floats into its direct row) against decoding straight into a direct
 * row, and the copy alone. Microseconds per image over the test data's COCO photos, one thread.
 * The README's batching section quotes it. JMH state: one instance per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RowHandoffBenchmark {
  private List<byte[]> images;
  private ImagePreprocessor preprocessor;
  private FloatBuffer row;
  private float[] heap;
  private int next;

  @Setup
  public void load() throws IOException {
    images = CocoImages.read(CocoImages.files(TestData.dir().resolve("images")));
    preprocessor = CocoImages.squash224();
    int length = preprocessor.spec().tensorLength();
    row = ByteBuffer.allocateDirect(4 * length).order(ByteOrder.nativeOrder()).asFloatBuffer();
    heap = new float[length];
  }

  private byte[] nextImage() {
    next = (next + 1) % images.size();
    return images.get(next);
  }

  /** The server's way: a heap float[] per image, copied into the direct row. */
  @Benchmark
  public FloatBuffer viaHeap() {
    float[] pixels = new float[heap.length];
    preprocessor.preprocess(nextImage(), FloatBuffer.wrap(pixels));
    return row.clear().put(pixels);
  }

  /** Decoding straight into the direct row. */
  @Benchmark
  public FloatBuffer direct() {
    row.clear();
    preprocessor.preprocess(nextImage(), row);
    return row;
  }

  /** The copy alone. */
  @Benchmark
  public FloatBuffer copyAlone() {
    return row.clear().put(heap);
  }
}
