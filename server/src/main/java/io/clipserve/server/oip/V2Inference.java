package io.clipserve.server.oip;

import com.google.protobuf.ByteString;
import io.clipserve.proto.oip.ModelInferRequest;
import io.clipserve.proto.oip.ModelInferRequest.InferRequestedOutputTensor;
import io.clipserve.proto.oip.ModelInferResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.inference.RequestLimits;
import io.clipserve.server.service.EmbeddingCalls;
import io.clipserve.server.service.InputQuota;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ModelInfer on a v2 model: the request is checked and turned into an Embed request
 * ({@link #prepare}), which runs as Embed does, through {@link EmbeddingCalls#embed} (the same
 * limits, connection quota, batchers and encoders); the normalised embeddings come back as {@code EMBEDDING}, FP32
 * {@code [N, dim]}, in {@code raw_output_contents} (little-endian). Thread-safe.
 */
@Singleton
public final class V2Inference {
  private final EmbeddingCalls calls;
  private final RequestLimits limits;

  public V2Inference(EmbeddingCalls calls, RequestLimits limits) {
    this.calls = calls;
    this.limits = limits;
  }

  /**
   * A checked ModelInfer request and the Embed request it becomes.
   *
   * @param name the v2 model
   * @param id the request's id, echoed on the response
   */
  public record Prepared(V2ModelName name, String id, EmbedRequest embed) {}

  /**
   * Checks the request (one input {@code INPUT}, outputs only {@code EMBEDDING}, texts valid
   * UTF-8) without touching a model.
   *
   * @throws ServingException INVALID_ARGUMENT or NOT_FOUND naming what is wrong
   */
  public Prepared prepare(ModelInferRequest request) {
    V2ModelName name = V2ModelName.parse(request.getModelName(), request.getModelVersion());
    if (request.getInputsCount() != 1) {
      throw ServingException.invalidArgument("the request has " + request.getInputsCount()
          + " inputs; v2 model '" + name.v2Name() + "' has one, " + BytesTensor.INPUT);
    }
    int raw = request.getRawInputContentsCount();
    if (raw > 1) {
      throw ServingException.invalidArgument("raw_input_contents has " + raw
          + " entries; it must have one per input (1) or none");
    }
    for (InferRequestedOutputTensor output : request.getOutputsList()) {
      if (!output.getName().equals(V2Models.EMBEDDING)) {
        throw ServingException.invalidArgument("output '" + output.getName()
            + "' is not an output of v2 model '" + name.v2Name() + "'; its one output is "
            + V2Models.EMBEDDING);
      }
    }
    List<ByteString> elements = BytesTensor.read(request.getInputs(0),
        raw == 1 ? request.getRawInputContents(0) : null, limits);
    EmbedRequest.Builder embed = EmbedRequest.newBuilder()
        .setModel(name.model())
        .setModelVersion(name.version());
    for (int i = 0; i < elements.size(); i++) {
      ByteString element = elements.get(i);
      if (name.image()) {
        embed.addInputsBuilder().setImage(element);
      } else if (element.isValidUtf8()) {
        embed.addInputsBuilder().setTextBytes(element);
      } else {
        throw ServingException.invalidArgument(BytesTensor.INPUT + "[" + i
            + "] is not valid UTF-8; texts are sent as their UTF-8 bytes");
      }
    }
    return new Prepared(name, request.getId(), embed.build());
  }

  /** Runs a prepared request as Embed; see {@link EmbeddingCalls#embed}. */
  public CompletableFuture<ModelInferResponse> infer(Prepared prepared, CallScope scope,
      InputQuota quota) {
    return calls.embed(prepared.embed(), scope, quota)
        .thenApply(embedded -> response(prepared, embedded));
  }

  private static ModelInferResponse response(Prepared prepared, EmbedResponse embedded) {
    List<Embedding> embeddings = embedded.getEmbeddingsList();
    int dim = embeddings.isEmpty() ? 0 : embeddings.get(0).getValuesCount();
    ByteBuffer raw = ByteBuffer.allocate(embeddings.size() * dim * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    for (Embedding embedding : embeddings) {
      for (int i = 0; i < dim; i++) {
        raw.putFloat(embedding.getValues(i));
      }
    }
    raw.flip();
    ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
        .setModelName(prepared.name().v2Name())
        .setModelVersion(Long.toString(embedded.getModelVersion()))
        .setId(prepared.id())
        .addRawOutputContents(ByteString.copyFrom(raw));
    response.addOutputsBuilder().setName(V2Models.EMBEDDING).setDatatype(V2Models.FP32)
        .addShape(embeddings.size()).addShape(dim);
    return response.build();
  }
}
