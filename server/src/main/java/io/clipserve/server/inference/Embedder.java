package io.clipserve.server.inference;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.registry.ModelRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Embed: one embedding per input, in order, shaped by its {@link OutputFormat}. Thread-safe. */
@Singleton
public final class Embedder {
  private final ModelRegistry registry;
  private final RequestLimits limits;

  public Embedder(ModelRegistry registry, RequestLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  /** @throws io.clipserve.server.ServingException at once for a request that cannot be served */
  public CompletableFuture<EmbedResponse> embed(EmbedRequest request, CallScope scope) {
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      List<Input> inputs = request.getInputsList();
      OutputFormat format = OutputFormat.of(request, version.config().getEmbeddingDim());
      var encoding =
          InputEncoder.encode(version, inputs, "inputs", request.getRaw(), scope, limits);
      return encoding.thenApply(encoded -> {
        EmbedResponse.Builder response = EmbedResponse.newBuilder()
            .setModel(version.name())
            .setModelVersion(version.version())
            .setRequestId(request.getRequestId());
        for (int i = 0; i < inputs.size(); i++) {
          format.write(encoded.get(i).vector(), response.addEmbeddingsBuilder()
              .setId(inputs.get(i).getId())
              .setTruncated(encoded.get(i).truncated()));
        }
        return response.build();
      });
    });
  }
}
