package io.clipserve.server.testing;

import io.clipserve.proto.v1.Backend;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import io.clipserve.server.backend.InputTensors;
import io.clipserve.server.backend.onnx.OrtEncoderProvider;
import io.clipserve.server.backend.tensorrt.TrtEncoderProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * A server bean for tests of Error handling, enabled by the property
 * {@code clipserve.test.error-injecting-encoders=true}: it serves {@code backend: TENSORRT}
 * encoders with ONNX Runtime, except that every run throws {@link OutOfMemoryError}, as a run
 * that exhausts the heap would, on the batch worker's thread.
 */
@Singleton
@Replaces(TrtEncoderProvider.class)
@Requires(property = "clipserve.test.error-injecting-encoders", value = "true")
public final class ErrorInjectingEncoders implements EncoderProvider {
  private final OrtEncoderProvider onnx;

  public ErrorInjectingEncoders(OrtEncoderProvider onnx) {
    this.onnx = onnx;
  }

  @Override
  public Backend backend() {
    return Backend.TENSORRT;
  }

  @Override
  public Encoder load(EncoderSpec spec) throws EncoderException {
    Encoder loaded = onnx.load(spec);
    return new Encoder() {
      @Override
      public EncoderSpec spec() {
        return loaded.spec();
      }

      @Override
      public int maxBatchSize() {
        return loaded.maxBatchSize();
      }

      @Override
      public int fileMaxBatchSize() {
        return loaded.fileMaxBatchSize();
      }

      @Override
      public float[] run(InputTensors tensors, int batchSize) {
        throw new OutOfMemoryError("injected into " + spec.label());
      }

      @Override
      public void close() {
        loaded.close();
      }
    };
  }
}
