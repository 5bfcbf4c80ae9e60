package io.clipserve.server.backend.tensorrt;

import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputTensors;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An encoder on a TensorRT engine. Thread-safe for {@link #run}: each call borrows one of the
 * {@code instance_count} executions (context + stream + buffers) from a pool and gives it back, so up
 * to that many runs proceed at once, each on its own stream. Owns the engine and every execution and
 * frees them in {@link #close()}, which the caller invokes once, after the last run has returned.
 */
final class TrtEncoder implements Encoder {
  private final EncoderSpec spec;
  private final TrtEngine engine;
  private final List<TrtExecution> executions;
  private final BlockingQueue<TrtExecution> idle;
  private final int maxBatchSize;
  private final int profileMaxBatchSize;

  TrtEncoder(EncoderSpec spec, TrtEngine engine, List<TrtExecution> executions, int maxBatchSize,
      int profileMaxBatchSize) {
    this.spec = spec;
    this.engine = engine;
    this.executions = List.copyOf(executions);
    this.idle = new ArrayBlockingQueue<>(executions.size(), false, executions);
    this.maxBatchSize = maxBatchSize;
    this.profileMaxBatchSize = profileMaxBatchSize;
  }

  @Override
  public EncoderSpec spec() {
    return spec;
  }

  @Override
  public int maxBatchSize() {
    return maxBatchSize;
  }

  @Override
  public int fileMaxBatchSize() {
    return profileMaxBatchSize;
  }

  @Override
  public float[] run(InputTensors tensors, int batchSize) throws EncoderException {
    TrtExecution execution;
    try {
      execution = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EncoderException(spec.label() + ": interrupted while waiting for a free TensorRT execution", e);
    }
    try {
      return execution.run(tensors, batchSize);
    } finally {
      idle.add(execution);
    }
  }

  @Override
  public void close() {
    executions.forEach(TrtExecution::close);
    engine.close();
  }
}
