/**
 * The clipserve Java client: a small facade over the generated {@code clipserve.v1} gRPC stubs.
 *
 * <pre>{@code
 * try (ClipServeClient client = ClipServeClient.builder()
 *         .target("localhost:8001")
 *         .deadline(Duration.ofSeconds(5))
 *         .build()) {
 *     EmbeddingResult texts = client.embedTexts("cn-clip-vit-b-16", List.of("一只猫", "a dog"));
 *     SimilarityResponse ranked = client.similarity("cn-clip-vit-b-16",
 *             List.of(Inputs.image(Path.of("cat.jpg"))),
 *             List.of(Inputs.text("一只猫"), Inputs.text("a dog")), 1);
 *     CompletableFuture<List<ModelInfo>> models = client.async().listModels();
 * }
 * }</pre>
 *
 * <p>The calls the blocking and async clients share are declared once, in
 * {@link io.clipserve.client.EmbeddingCalls} and {@link io.clipserve.client.ModelCalls}, whose type
 * parameters say what each client answers with: values, or futures of them.
 *
 * <p><b>Errors.</b> A failed call surfaces as grpc-java's own
 * {@link io.grpc.StatusRuntimeException} carrying the server's {@link io.grpc.Status}
 * (NOT_FOUND for an unknown model, INVALID_ARGUMENT
 * naming the bad input, DEADLINE_EXCEEDED, UNAVAILABLE when no server answers, ...): blocking
 * methods throw it, futures of {@link io.clipserve.client.AsyncClipServeClient} complete
 * exceptionally with it as the cause. There is no wrapper exception, so code written against the
 * generated stubs handles the facade's failures unchanged. Reading an image file that cannot be
 * read throws {@link java.io.UncheckedIOException} on the calling thread before any call is made.
 *
 * <p><b>Replicas.</b> A target of several replicas ({@code h1:p1,h2:p2} or
 * {@code dns:///name:port}) is balanced {@code round_robin} over those whose gRPC health is
 * SERVING, and calls failing with UNAVAILABLE are retried on any target
 * ({@link io.clipserve.client.ClipServeClientBuilder#target}); all of it is gRPC's service config,
 * built by {@code ServiceConfig}.
 *
 * <p><b>Threads.</b> Every type here is immutable and thread-safe; one client per process, shared
 * by all threads, is the intended use (a gRPC channel multiplexes concurrent calls).
 *
 * <p><b>Streams.</b> {@link io.clipserve.client.ClipServeClient#embedStream} and
 * {@link io.clipserve.client.ClipServeClient#similarityStream} open the streaming RPCs with flow
 * control both ways ({@link io.clipserve.client.StreamOptions}: a window of messages in flight,
 * ordered or as-they-come answers); a failed message reaches
 * {@link io.clipserve.client.StreamListener#onMessageError} and the stream goes on.
 */
package io.clipserve.client;
