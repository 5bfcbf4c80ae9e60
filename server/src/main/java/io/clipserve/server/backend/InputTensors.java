package io.clipserve.server.backend;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The input tensors of one batch: one direct, native-order buffer per input, sized for the
 * encoder's largest batch and reused from batch to batch, so engines read them without copying.
 * Callers fill an input by its {@link InputRole}; engines read it by its name in the model.
 *
 * <p>Owned by one worker thread, which fills rows and then passes the tensors to
 * {@link Encoder#run}; not thread-safe. The worker frees the buffers with {@link #close()} when it
 * stops, rather than leaving them to some later garbage collection: a version's batch buffers
 * (19 MB for a 224 px image encoder at batch 32) would otherwise pile up across reloads.
 */
public final class InputTensors implements AutoCloseable {
  private static final sun.misc.Unsafe UNSAFE = unsafe();

  private final List<InputSpec> specs;
  private final ByteBuffer[] buffers;
  private final Map<InputRole, Integer> byRole;
  private final Map<String, Integer> byName;

  public InputTensors(List<InputSpec> specs, int maxBatchSize) {
    this.specs = List.copyOf(specs);
    this.buffers = new ByteBuffer[specs.size()];
    for (int i = 0; i < buffers.length; i++) {
      InputSpec spec = specs.get(i);
      buffers[i] = ByteBuffer.allocateDirect(maxBatchSize * spec.rowElements() * spec.type().bytes())
          .order(ByteOrder.nativeOrder());
    }
    this.byRole = indexBy(InputSpec::role);
    this.byName = indexBy(InputSpec::name);
  }

  private <K> Map<K, Integer> indexBy(Function<InputSpec, K> key) {
    return IntStream.range(0, specs.size()).boxed()
        .collect(Collectors.toUnmodifiableMap(i -> key.apply(specs.get(i)), Function.identity()));
  }

  public List<InputSpec> specs() {
    return specs;
  }

  /** A float view of one row of a FLOAT32 input, positioned at its start, to write into. */
  public FloatBuffer floatRow(InputRole role, int row) {
    int input = index(byRole, role);
    int n = specs.get(input).rowElements();
    return buffers[input].asFloatBuffer().position(row * n).limit((row + 1) * n).slice();
  }

  /** Writes one row of an integer input (INT64 or INT32), converting as the model needs. */
  public void putIds(InputRole role, int row, long[] values) {
    int input = index(byRole, role);
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

  /** The whole buffer of the input named {@code name}; engines read its first batchSize rows. */
  public ByteBuffer buffer(String name) {
    return buffers[index(byName, name)].duplicate().order(ByteOrder.nativeOrder());
  }

  private <K> int index(Map<K, Integer> inputs, K key) {
    Integer input = inputs.get(key);
    if (input == null) {
      throw new IllegalArgumentException("the encoder has no input " + key + "; it takes " + specs);
    }
    return input;
  }

  /** Frees the buffers now (where the JDK allows it); nothing may use this object or its views afterwards. */
  @Override
  public void close() {
    if (UNSAFE != null) {
      for (ByteBuffer buffer : buffers) {
        UNSAFE.invokeCleaner(buffer);
      }
    }
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (sun.misc.Unsafe) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // Then the garbage collector frees them, later.
    }
  }
}
