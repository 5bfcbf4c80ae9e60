/**
 * The engine-agnostic encoder contract. An {@link io.clipserve.server.backend.EncoderProvider}
 * per engine ({@code backend.onnx}, {@code backend.tensorrt}) turns an
 * {@link io.clipserve.server.backend.EncoderSpec} into an {@link io.clipserve.server.backend.Encoder};
 * callers fill {@link io.clipserve.server.backend.InputTensors} (direct, native-order memory owned by
 * the caller) and get one embedding row per batch row back.
 */
package io.clipserve.server.backend;
