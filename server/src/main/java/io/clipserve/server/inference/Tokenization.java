package io.clipserve.server.inference;

import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizeResponse;
import io.clipserve.proto.v1.TokenizedText;
import io.clipserve.server.ServingException;
import io.clipserve.server.pipeline.TextPipeline;
import io.clipserve.server.registry.ModelRegistry;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** Tokenize: the ids a model's text encoder would be fed. Thread-safe. */
@Singleton
public final class Tokenization {
  private final ModelRegistry registry;
  private final RequestLimits limits;

  public Tokenization(ModelRegistry registry, RequestLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  public CompletableFuture<TokenizeResponse> tokenize(TokenizeRequest request) {
    if (request.getTextsCount() == 0) {
      throw ServingException.invalidArgument("texts is empty");
    }
    limits.checkTexts("texts", request.getTextsList());
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      TextPipeline text = version.requireText();
      TokenizeResponse.Builder response = TokenizeResponse.newBuilder();
      for (String input : request.getTextsList()) {
        var tokens = text.tokenize(input);
        response.addTexts(TokenizedText.newBuilder()
            .addAllIds(Arrays.stream(tokens.ids()).boxed().toList())
            .addAllTokens(tokens.tokens())
            .setTruncated(tokens.truncated())
            .addAllAttentionMask(Arrays.stream(tokens.attentionMask()).boxed().toList()));
      }
      return CompletableFuture.completedFuture(response.build());
    });
  }
}
