/**
 * The load generator behind {@code clipserve bench}: the rounds of a run
 * ({@link io.clipserve.bench.BenchRun}), closed-loop clients over the facade
 * ({@link io.clipserve.bench.ClosedLoopStep}), the request mix
 * ({@link io.clipserve.bench.BenchInputs}), and the in-process ONNX Runtime baseline
 * ({@link io.clipserve.bench.OrtBaseline}) the served throughput is divided by. The baseline
 * opens its sessions with the server's own options and thread rule
 * ({@code io.clipserve.server.backend.onnx.OrtEncoderProvider}), so it measures the encoder as
 * the server runs it.
 */
package io.clipserve.bench;
