/**
 * The load generator behind {@code clipserve bench}: the rounds of a run
 * ({@link io.clipserve.client.bench.BenchRun}), closed-loop clients over the facade
 * ({@link io.clipserve.client.bench.ClosedLoopStep}), the request mix
 * ({@link io.clipserve.client.bench.BenchInputs}), and the in-process ONNX Runtime baseline
 * ({@link io.clipserve.client.bench.OrtBaseline}) the served throughput is divided by.
 *
 * <p>ONNX Runtime is a {@code provided} dependency of the client: the jar and its {@code lib/} stay
 * free of its 50 MB of native libraries, and only {@code --baseline} needs it on the class path
 * ({@code bin/clipserve bench} adds the server's copy).
 */
package io.clipserve.client.bench;
