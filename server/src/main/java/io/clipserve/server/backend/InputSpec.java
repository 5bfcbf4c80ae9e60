package io.clipserve.server.backend;

import java.util.Arrays;

/**
 * One input tensor of an encoder: its name in the model, what it carries, its element type, and
 * the shape of one batch row ({@code [3, size, size]} for an image, {@code [context_length]} for
 * token ids).
 */
public record InputSpec(String name, InputRole role, ElementType type, int... rowShape) {

  public InputSpec {
    rowShape = rowShape.clone();
  }

  /** Elements one batch row holds. */
  public int rowElements() {
    return Arrays.stream(rowShape).reduce(1, Math::multiplyExact);
  }

  /** The tensor shape of a batch: {@code [batchSize, rowShape...]}. */
  public long[] batchShape(int batchSize) {
    long[] shape = new long[rowShape.length + 1];
    shape[0] = batchSize;
    for (int i = 0; i < rowShape.length; i++) {
      shape[i + 1] = rowShape[i];
    }
    return shape;
  }

  /**
   * Whether a model's tensor shape {@code [batch, ...]} takes this input's rows: same rank, and the
   * dimensions after the batch axis equal the row's wherever the model fixes them (not positive:
   * dynamic).
   */
  public boolean fitsModelShape(long[] modelShape) {
    if (modelShape.length != rowShape.length + 1) {
      return false;
    }
    for (int i = 0; i < rowShape.length; i++) {
      if (modelShape[i + 1] > 0 && modelShape[i + 1] != rowShape[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] rowShape() {
    return rowShape.clone();
  }

  @Override
  public String toString() {
    return name + " (" + role + ") " + type + Arrays.toString(rowShape);
  }
}
