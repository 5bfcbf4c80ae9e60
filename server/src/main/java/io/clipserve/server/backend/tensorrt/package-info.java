/**
 * The TensorRT 10 backend ({@code backend: TENSORRT}), through the JavaCPP presets
 * ({@code org.bytedeco:tensorrt}, {@code org.bytedeco:cuda}; CUDA 13).
 *
 * <p>Nothing here touches a JavaCPP class until a TENSORRT encoder is loaded:
 * {@link io.clipserve.server.backend.tensorrt.TrtEncoderProvider} first asks
 * {@link io.clipserve.server.backend.tensorrt.TrtAvailability}, which loads the natives once per
 * process and turns a missing driver, CUDA or TensorRT library, or the lack of a device, into a
 * reason the model's FAILED state shows. A server without a GPU starts and serves its other models.
 *
 * <p>Ownership: a {@code TrtEncoder} owns one deserialised engine (and its runtime) and one
 * {@code TrtExecution} per instance; each execution owns an execution context, a CUDA stream, device
 * buffers sized for the profile's largest batch and pinned host staging buffers. Everything is freed
 * explicitly by {@code close()}, in reverse order of creation. The presets give no way to delete
 * TensorRT objects (bytedeco/javacpp-presets#1699), so {@code TrtOwnership} attaches the C++
 * {@code delete} that JavaCPP generated for each interface type.
 */
package io.clipserve.server.backend.tensorrt;
