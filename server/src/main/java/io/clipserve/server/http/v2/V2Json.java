package io.clipserve.server.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.clipserve.proto.oip.InferTensorContents;
import io.clipserve.proto.oip.ModelInferRequest;
import io.clipserve.proto.oip.ModelInferRequest.InferInputTensor;
import io.clipserve.proto.oip.ModelInferResponse;
import io.clipserve.proto.oip.ModelMetadataResponse;
import io.clipserve.proto.oip.ServerMetadataResponse;
import io.clipserve.server.ServingException;
import io.clipserve.server.oip.V2ModelName;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Base64;
import java.util.List;

/**
 * The v2 REST JSON bodies as the gRPC messages and back. BYTES elements are JSON strings: a
 * {@code .text} model's are the texts; a {@code .image} model's are the encoded files in base64
 * (standard alphabet). Triton's binary-data extension is not offered: a request asking for it is
 * refused, so a client never gets an answer in a form it did not ask for. Stateless.
 */
final class V2Json {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private V2Json() {}

  /**
   * The request for v2 model {@code model}; malformed JSON shapes are INVALID_ARGUMENT. What the
   * gRPC request would be refused for is left to {@link io.clipserve.server.oip.V2Inference}.
   */
  static ModelInferRequest request(String model, JsonNode body) {
    if (!body.isObject()) {
      throw invalid("the body must be a JSON object with \"inputs\"");
    }
    boolean image = V2ModelName.parse(model, "").image();
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model)
        .setId(body.path("id").asText(""));
    for (JsonNode input : array(body, "inputs")) {
      if (input.path("parameters").has("binary_data_size")) {
        throw invalid("binary tensor data (binary_data_size) is not supported; send \"data\" as"
            + " JSON strings");
      }
      InferInputTensor.Builder tensor = request.addInputsBuilder()
          .setName(input.path("name").asText(""))
          .setDatatype(input.path("datatype").asText(""));
      for (JsonNode dim : array(input, "shape")) {
        if (!dim.canConvertToLong() || !dim.isIntegralNumber()) {
          throw invalid("shape holds " + dim + "; dimensions are integers");
        }
        tensor.addShape(dim.asLong());
      }
      InferTensorContents.Builder contents = tensor.getContentsBuilder();
      addElements(tensor.getName(), input.path("data"), image, contents);
    }
    for (JsonNode output : array(body, "outputs", true)) {
      if (output.path("parameters").path("binary_data").asBoolean(false)) {
        throw invalid("binary_data outputs are not supported; leave binary_data false");
      }
      request.addOutputsBuilder().setName(output.path("name").asText(""));
    }
    return request.build();
  }

  /** Row-major flattening of {@code data}, nested arrays included. */
  private static void addElements(String name, JsonNode data, boolean image,
      InferTensorContents.Builder contents) {
    if (data.isArray()) {
      for (JsonNode element : data) {
        addElements(name, element, image, contents);
      }
      return;
    }
    int index = contents.getBytesContentsCount();
    if (!data.isTextual()) {
      throw invalid(name + " data[" + index + "] is " + (data.isMissingNode() ? "missing" : data)
          + "; BYTES elements are JSON strings");
    }
    if (!image) {
      contents.addBytesContents(ByteString.copyFromUtf8(data.asText()));
      return;
    }
    try {
      contents.addBytesContents(ByteString.copyFrom(Base64.getDecoder().decode(data.asText())));
    } catch (IllegalArgumentException e) {
      throw invalid(name + " data[" + index + "] is not base64 (" + e.getMessage()
          + "); images are sent as their encoded file in base64");
    }
  }

  private static Iterable<JsonNode> array(JsonNode parent, String field) {
    return array(parent, field, false);
  }

  private static Iterable<JsonNode> array(JsonNode parent, String field, boolean optional) {
    JsonNode node = parent.path(field);
    if (node.isArray() || (optional && node.isMissingNode())) {
      return node;
    }
    throw invalid("\"" + field + "\" must be a JSON array");
  }

  private static ServingException invalid(String message) {
    return ServingException.invalidArgument(message);
  }

  /** The response with {@code EMBEDDING}'s floats as JSON numbers, row-major. */
  static ObjectNode response(ModelInferResponse response) {
    ObjectNode json = JSON.objectNode()
        .put("model_name", response.getModelName())
        .put("model_version", response.getModelVersion());
    if (!response.getId().isEmpty()) {
      json.put("id", response.getId());
    }
    ArrayNode outputs = json.putArray("outputs");
    for (int o = 0; o < response.getOutputsCount(); o++) {
      ModelInferResponse.InferOutputTensor tensor = response.getOutputs(o);
      ObjectNode output = outputs.addObject().put("name", tensor.getName())
          .put("datatype", tensor.getDatatype());
      tensor.getShapeList().forEach(output.putArray("shape")::add);
      ArrayNode data = output.putArray("data");
      FloatBuffer floats = response.getRawOutputContents(o).asReadOnlyByteBuffer()
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      while (floats.hasRemaining()) {
        data.add(floats.get());
      }
    }
    return json;
  }

  static ObjectNode server(ServerMetadataResponse metadata) {
    ObjectNode json = JSON.objectNode().put("name", metadata.getName())
        .put("version", metadata.getVersion());
    metadata.getExtensionsList().forEach(json.putArray("extensions")::add);
    return json;
  }

  static ObjectNode metadata(ModelMetadataResponse metadata) {
    ObjectNode json = JSON.objectNode().put("name", metadata.getName());
    metadata.getVersionsList().forEach(json.putArray("versions")::add);
    json.put("platform", metadata.getPlatform());
    tensors(json.putArray("inputs"), metadata.getInputsList());
    tensors(json.putArray("outputs"), metadata.getOutputsList());
    return json;
  }

  private static void tensors(ArrayNode array,
      List<ModelMetadataResponse.TensorMetadata> tensors) {
    for (ModelMetadataResponse.TensorMetadata tensor : tensors) {
      ObjectNode json = array.addObject().put("name", tensor.getName())
          .put("datatype", tensor.getDatatype());
      tensor.getShapeList().forEach(json.putArray("shape")::add);
    }
  }
}
