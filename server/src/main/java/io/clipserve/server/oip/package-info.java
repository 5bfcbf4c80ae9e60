/**
 * The KServe v2 / Open Inference Protocol view of the served models, free of transport concerns:
 * each model's image and text encoders are v2 models {@code <model>.image} and
 * {@code <model>.text} with one BYTES input {@code INPUT} and one FP32 output {@code EMBEDDING}
 * ({@link io.clipserve.server.oip.V2ModelName}); their metadata and readiness
 * ({@link io.clipserve.server.oip.V2Models}); and inference
 * ({@link io.clipserve.server.oip.V2Inference}), which reads the request's BYTES tensor
 * ({@link io.clipserve.server.oip.BytesTensor}) and runs it through the same
 * {@link io.clipserve.server.inference.Embedder}, limits and batchers as Embed. Failures are
 * {@link io.clipserve.server.ServingException}s; the gRPC and REST transports map them. All
 * classes are immutable or stateless and may be called from any thread.
 */
package io.clipserve.server.oip;
