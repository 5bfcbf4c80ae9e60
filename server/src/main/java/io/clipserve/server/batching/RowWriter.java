package io.clipserve.server.batching;

import io.clipserve.server.backend.InputTensors;

/**
 * Writes one item's preprocessed input into a row of the batch's tensors. Called once, on the
 * worker thread that owns the tensors.
 */
@FunctionalInterface
public interface RowWriter {
  void write(InputTensors tensors, int row);
}
