/**
 * The clipserve server: a Micronaut application hosting a grpc-java server that serves the
 * CLIP-family models of a model repository.
 *
 * <p>The packages follow the path of a request. {@code api} receives gRPC calls and {@code http}
 * the management endpoints; {@code inference} validates a call and turns it into embeddings,
 * similarities or labels; {@code registry} knows which model versions are loaded and in what
 * state; {@code repository} reads models from disk; {@code preprocess.image} and
 * {@code preprocess.text} turn images and texts into tensors; {@code batching} groups items into
 * encoder executions; {@code backend} runs encoders ({@code backend.onnx}: ONNX Runtime,
 * {@code backend.tensorrt}: TensorRT). {@code config} holds the server's settings. Only
 * {@code api} knows gRPC status codes: the others raise a
 * {@link io.clipserve.server.ServingException} with a reason kind.
 */
package io.clipserve.server;
