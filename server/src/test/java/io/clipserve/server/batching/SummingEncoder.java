package io.clipserve.server.batching;

import io.clipserve.proto.v1.Backend;
import io.clipserve.server.backend.ElementType;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputRole;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.InputTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A CPU-only encoder for batcher tests: one INT64 input of 4 ids per row; each output row is
 * [sum of the row's ids, batch size]. It records batch sizes and can be held at a gate so tests
 * can fill the queue behind a running batch.
 */
final class SummingEncoder implements Encoder {
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  volatile CountDownLatch gate = new CountDownLatch(0);
  volatile CountDownLatch entered = new CountDownLatch(1);
  private final EncoderSpec spec;
  private final int maxBatch;

  SummingEncoder(int maxBatch) {
    this.maxBatch = maxBatch;
    this.spec = new EncoderSpec("test/1/sum", Path.of("sum"), Backend.ONNXRUNTIME,
        List.of(new InputSpec("ids", InputRole.INPUT_IDS, ElementType.INT64, 4)), "out", 2, maxBatch, 1, 1);
  }

  static RowWriter row(long value) {
    return (tensors, row) -> tensors.putIds(InputRole.INPUT_IDS, row, new long[] {value, 0, 0, 0});
  }

  @Override
  public EncoderSpec spec() {
    return spec;
  }

  @Override
  public int maxBatchSize() {
    return maxBatch;
  }

  @Override
  public int fileMaxBatchSize() {
    return 0;
  }

  @Override
  public float[] run(InputTensors tensors, int batchSize) {
    entered.countDown();
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    batchSizes.add(batchSize);
    var ids = tensors.buffer("ids").asLongBuffer();
    float[] out = new float[batchSize * 2];
    for (int r = 0; r < batchSize; r++) {
      long sum = 0;
      for (int i = 0; i < 4; i++) {
        sum += ids.get(r * 4 + i);
      }
      out[r * 2] = sum;
      out[r * 2 + 1] = batchSize;
    }
    return out;
  }

  @Override
  public void close() {}
}
