package io.clipserve.server.backend.tensorrt;

import io.clipserve.proto.v1.Backend;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderProvider;
import io.clipserve.server.backend.EncoderSpec;
import jakarta.inject.Singleton;

/**
 * Loads {@code backend: TENSORRT} encoders: a serialized TensorRT 10 engine ({@code .plan}), or an
 * ONNX file built into one (and cached) at load time. Where TensorRT cannot run (no driver, no
 * device, CUDA or TensorRT libraries missing) every load fails with a reason that says what to
 * install, and nothing else in the server is affected: no JavaCPP class is loaded before the first
 * TENSORRT load. Thread-safe singleton; loads may run concurrently (each on its own thread's device).
 */
@Singleton
public final class TrtEncoderProvider implements EncoderProvider {

  @Override
  public Backend backend() {
    return Backend.TENSORRT;
  }

  @Override
  public Encoder load(EncoderSpec spec) throws EncoderException {
    TrtAvailability availability = TrtAvailability.probe();
    if (!availability.available()) {
      throw new EncoderException(spec.label() + ": " + availability.reason());
    }
    return TrtEncoderFactory.create(spec, availability.deviceCount());
  }
}
