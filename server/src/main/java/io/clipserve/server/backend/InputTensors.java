package io.clipserve.server.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The input tensors of one batch: one direct, native-order buffer per input, sized for the
 * encoder's largest batch and reused from batch to batch, so engines read them without copying.
 *
 * <p>Owned by one worker thread, which fills rows and then passes the tensors to
 * {@link Encoder#run}; not thread-safe. The buffers are ordinary Java direct buffers, freed by the
 * garbage collector once the worker drops this object.
 */
public final class InputTensors {
  private final List<InputSpec> specs;
  private final ByteBuffer[] buffers;

  public InputTensors(List<InputSpec> specs, int maxBatchSize) {
    this.specs = List.copyOf(specs);
    this.buffers = new ByteBuffer[specs.size()];
    for (int i = 0; i < buffers.length; i++) {
      InputSpec spec = specs.get(i);
      buffers[i] = ByteBuffer.allocateDirect(maxBatchSize * spec.rowElements() * spec.type().bytes())
          .order(ByteOrder.nativeOrder());
    }
  }

  public List<InputSpec> specs() {
    return specs;
  }

  /** A float view of one row of a FLOAT32 input, positioned at its start, to write into. */
  public FloatBuffer floatRow(int input, int row) {
    int n = specs.get(input).rowElements();
    return buffers[input].asFloatBuffer().position(row * n).limit((row + 1) * n).slice();
  }

  /** Writes one row of an integer input (INT64 or INT32), converting as the model needs. */
  public void putIds(int input, int row, long[] values) {
    InputSpec spec = specs.get(input);
    int offset = row * spec.rowElements();
    if (values.length != spec.rowElements()) {
      throw new IllegalArgumentException(spec.name() + " takes " + spec.rowElements() + " ids, got " + values.length);
    }
    switch (spec.type()) {
      case INT64 -> buffers[input].asLongBuffer().put(offset, values);
      case INT32 -> {
        var ints = buffers[input].asIntBuffer();
        for (int i = 0; i < values.length; i++) {
          ints.put(offset + i, Math.toIntExact(values[i]));
        }
      }
      default -> throw new IllegalArgumentException(spec.name() + " is not an integer input");
    }
  }

  /** The whole buffer of one input; engines read the first batchSize rows of it. */
  public ByteBuffer buffer(int input) {
    return buffers[input].duplicate().order(ByteOrder.nativeOrder());
  }
}
