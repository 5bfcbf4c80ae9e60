package io.clipserve.server.backend.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputSpec;
import io.clipserve.server.backend.InputTensors;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An encoder on an ONNX Runtime session. Thread-safe: concurrent {@link #run} calls share the
 * session. Owns the session (native memory), released by {@link #close()}; the input tensors it
 * creates per run only wrap the caller's direct buffers and are closed before {@code run} returns.
 */
final class OrtEncoder implements Encoder {
  private final EncoderSpec spec;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final int maxBatchSize;
  private final int fileMaxBatchSize;

  /** {@code modelBatch}: the inputs' fixed batch size, 0 when their batch axis is dynamic. */
  OrtEncoder(EncoderSpec spec, OrtEnvironment environment, OrtSession session, int modelBatch) {
    this.spec = spec;
    this.environment = environment;
    this.session = session;
    this.fileMaxBatchSize = modelBatch;
    this.maxBatchSize = modelBatch > 0 ? Math.min(modelBatch, Math.max(1, spec.maxBatchSize()))
        : Math.max(1, spec.maxBatchSize());
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
    return fileMaxBatchSize;
  }

  @Override
  public float[] run(InputTensors tensors, int batchSize) throws EncoderException {
    List<InputSpec> inputs = spec.inputs();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (InputSpec input : inputs) {
        feed.put(input.name(), tensor(input, tensors.buffer(input.name()), batchSize));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(spec.output()))) {
        OnnxValue value = result.get(0);
        FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
        int expected = batchSize * spec.outputDim();
        if (out.remaining() != expected) {
          throw new EncoderException(spec.label() + ": output '" + spec.output() + "' has "
              + out.remaining() + " values for a batch of " + batchSize + ", expected " + expected);
        }
        float[] embeddings = new float[expected];
        out.get(embeddings);
        return embeddings;
      }
    } catch (OrtException e) {
      throw new EncoderException(spec.label() + ": ONNX Runtime failed: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor tensor(InputSpec input, ByteBuffer buffer, int batchSize) throws OrtException {
    int elements = batchSize * input.rowElements();
    long[] shape = input.batchShape(batchSize);
    return switch (input.type()) {
      case FLOAT32 -> OnnxTensor.createTensor(environment, buffer.asFloatBuffer().limit(elements), shape);
      case INT64 -> OnnxTensor.createTensor(environment, buffer.asLongBuffer().limit(elements), shape);
      case INT32 -> OnnxTensor.createTensor(environment, buffer.asIntBuffer().limit(elements), shape);
    };
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException(spec.label() + ": closing the ONNX Runtime session failed", e);
    }
  }
}
