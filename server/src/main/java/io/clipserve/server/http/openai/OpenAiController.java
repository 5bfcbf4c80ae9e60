package io.clipserve.server.http.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.server.api.CallGate;
import io.clipserve.server.http.HttpConnections;
import io.clipserve.server.service.EmbeddingCalls;
import io.clipserve.server.service.ModelCalls;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code POST /v1/embeddings}, {@code GET /v1/models} and {@code GET /v1/models/{model}} in
 * OpenAI's shapes. Embeddings are Embed's (L2-normalised); {@code usage} counts the tokens the
 * model's tokenizer gives the texts (special tokens included, images count none). Calls are
 * admitted by the {@link CallGate} as every other call.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OpenAiController {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmbeddingCalls embedding;
  private final ModelCalls models;
  private final HttpConnections connections;
  private final CallGate gate;

  public OpenAiController(EmbeddingCalls embedding, ModelCalls models,
      HttpConnections connections, CallGate gate) {
    this.embedding = embedding;
    this.models = models;
    this.connections = connections;
    this.gate = gate;
  }

  @Post("/embeddings")
  public CompletableFuture<HttpResponse<?>> embeddings(HttpRequest<?> http,
      @Nullable @Body String body) {
    return answer(() -> {
      EmbeddingsRequest request = EmbeddingsRequest.parse(body);
      // dimensions is Embed's own option (truncate, then renormalise), refused there when too large.
      EmbedRequest embed = EmbedRequest.newBuilder().setModel(request.model())
          .addAllInputs(request.inputs()).setDimensions(request.dimensions().orElse(0)).build();
      return embedding.embed(embed, connections.scope(http), connections.quota(http))
          .thenCompose(response -> promptTokens(request, response)
              .thenApply(tokens -> render(request, response, tokens)));
    });
  }

  @Get("/models")
  public CompletableFuture<HttpResponse<?>> list() {
    return answer(() -> models.list(ListModelsRequest.getDefaultInstance()).thenApply(list -> {
      ObjectNode out = JSON.createObjectNode().put("object", "list");
      ArrayNode data = out.putArray("data");
      list.getModelsList().forEach(info -> data.add(model(info.getName())));
      return out;
    }));
  }

  @Get("/models/{model}")
  public CompletableFuture<HttpResponse<?>> get(@PathVariable String model) {
    return answer(() -> models.get(GetModelRequest.newBuilder().setName(model).build())
        .thenApply(info -> model(info.getName())));
  }

  private CompletableFuture<HttpResponse<?>> answer(Supplier<CompletableFuture<ObjectNode>> call) {
    CompletableFuture<ObjectNode> future;
    try {
      future = gate.admit(call);
    } catch (Throwable e) {
      return CompletableFuture.completedFuture(OpenAiErrors.of(e));
    }
    return future.handle((json, error) -> error != null ? OpenAiErrors.of(error)
        : HttpResponse.ok(json.toString()).contentType(MediaType.APPLICATION_JSON_TYPE));
  }

  private static ObjectNode model(String name) {
    return JSON.createObjectNode().put("id", name).put("object", "model").put("created", 0)
        .put("owned_by", "clipserve");
  }

  /** The tokens of the request's texts, by the tokenizer of the version that embedded them. */
  private CompletableFuture<Integer> promptTokens(EmbeddingsRequest request,
      EmbedResponse response) {
    List<String> texts = request.inputs().stream().filter(Input::hasText).map(Input::getText)
        .toList();
    if (texts.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    return embedding.tokenize(TokenizeRequest.newBuilder().setModel(response.getModel())
            .setModelVersion(response.getModelVersion()).addAllTexts(texts).build())
        .thenApply(tokenized -> tokenized.getTextsList().stream()
            .mapToInt(t -> t.getTokensCount()).sum());
  }

  private static ObjectNode render(EmbeddingsRequest request, EmbedResponse response,
      int tokens) {
    ObjectNode out = JSON.createObjectNode().put("object", "list");
    ArrayNode data = out.putArray("data");
    for (int i = 0; i < response.getEmbeddingsCount(); i++) {
      List<Float> values = response.getEmbeddings(i).getValuesList();
      float[] vector = EmbeddingVectors.all(values);
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (request.base64()) {
        item.put("embedding", EmbeddingVectors.base64(vector));
      } else {
        ArrayNode array = item.putArray("embedding");
        for (float v : vector) {
          array.add(v);
        }
      }
    }
    out.put("model", response.getModel());
    out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    return out;
  }
}
