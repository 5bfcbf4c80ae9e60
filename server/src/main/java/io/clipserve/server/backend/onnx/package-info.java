/**
 * ONNX Runtime encoders, on the CPU or on the CUDA execution provider ({@code execution_provider:
 * CUDA}, which needs the {@code onnxruntime_gpu} jar). One {@link ai.onnxruntime.OrtEnvironment} per process; one
 * {@link ai.onnxruntime.OrtSession} per encoder, shared by its instances (ONNX Runtime sessions
 * are safe for concurrent runs). Input tensors wrap the caller's direct buffers without copying.
 */
package io.clipserve.server.backend.onnx;
