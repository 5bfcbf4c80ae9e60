package io.clipserve.server.http.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.ServingException;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@code /v1/embeddings} body: {@code model}, {@code input} (see {@link EmbeddingInputs}),
 * {@code encoding_format} ({@code float}, the default, or {@code base64}) and {@code dimensions}.
 * Other fields ({@code user}) are ignored. Immutable.
 */
record EmbeddingsRequest(String model, List<Input> inputs, boolean base64,
    OptionalInt dimensions) {
  // The body size is bounded by clipserve.http.max-request-bytes, not by Jackson's 20 M chars.
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  static {
    JSON.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build());
  }

  /** @throws ServingException INVALID_ARGUMENT naming the field that is wrong */
  static EmbeddingsRequest parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw ServingException.invalidArgument("the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw ServingException.invalidArgument("the body must be a JSON object");
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual()) {
      throw ServingException.invalidArgument(
          "model is required: the name of a model of the repository (GET /v1/models)");
    }
    return new EmbeddingsRequest(model.textValue(), EmbeddingInputs.of(root.get("input")),
        base64(root.get("encoding_format")), dimensions(root.get("dimensions")));
  }

  private static boolean base64(JsonNode format) {
    if (format == null || format.isNull()) {
      return false;
    }
    if (format.isTextual() && format.textValue().equals("float")) {
      return false;
    }
    if (format.isTextual() && format.textValue().equals("base64")) {
      return true;
    }
    throw ServingException.invalidArgument(
        "encoding_format must be \"float\" or \"base64\", not " + format);
  }

  private static OptionalInt dimensions(JsonNode dimensions) {
    if (dimensions == null || dimensions.isNull()) {
      return OptionalInt.empty();
    }
    if (!dimensions.isInt() || dimensions.intValue() < 1) {
      throw ServingException.invalidArgument(
          "dimensions must be a positive integer, not " + dimensions);
    }
    return OptionalInt.of(dimensions.intValue());
  }
}
