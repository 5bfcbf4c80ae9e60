package io.clipserve.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.ServingException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code input} of {@code /v1/embeddings} as Embed inputs: a string or a list of strings; a
 * {@code data:image/<type>;base64,<data>} URI is an image, an http(s) URL is refused (nothing is
 * fetched), any other string a text. Token-id arrays are refused: clipserve tokenises with the
 * model's own tokenizer. Every refusal is INVALID_ARGUMENT naming the item. Stateless.
 */
final class EmbeddingInputs {
  private static final Pattern IMAGE_URI =
      Pattern.compile("data:image/[-+.\\w]+(;[^,;]*)*;base64,");
  private static final Pattern URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

  private EmbeddingInputs() {}

  static List<Input> of(JsonNode input) {
    if (input == null || input.isNull()) {
      throw ServingException.invalidArgument("input is required: a string or a list of strings");
    }
    if (input.isTextual()) {
      return List.of(item("input", input.textValue()));
    }
    if (!input.isArray()) {
      throw ServingException.invalidArgument("input must be a string or a list of strings, not "
          + input.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (input.isEmpty()) {
      throw ServingException.invalidArgument("input is an empty list");
    }
    List<Input> inputs = new ArrayList<>(input.size());
    for (int i = 0; i < input.size(); i++) {
      JsonNode item = input.get(i);
      if (item.isNumber() || item.isArray()) {
        throw ServingException.invalidArgument("input[" + i + "]: token-id arrays are not"
            + " accepted; send texts as strings (clipserve tokenises them with the model's own"
            + " tokenizer) and images as data:image/...;base64, URIs");
      }
      if (!item.isTextual()) {
        throw ServingException.invalidArgument("input[" + i + "] must be a string");
      }
      inputs.add(item("input[" + i + "]", item.textValue()));
    }
    return inputs;
  }

  private static Input item(String name, String value) {
    if (value.startsWith("data:")) {
      var uri = IMAGE_URI.matcher(value);
      if (!uri.lookingAt()) {
        throw ServingException.invalidArgument(name + ": a data URI must be"
            + " data:image/<type>;base64,<data> to be an image");
      }
      try {
        return Input.newBuilder().setImage(ByteString.copyFrom(
            Base64.getDecoder().decode(value.substring(uri.end())))).build();
      } catch (IllegalArgumentException e) {
        throw ServingException.invalidArgument(name + ": the data URI's base64 is invalid: "
            + e.getMessage());
      }
    }
    if (URL.matcher(value).matches()) {
      throw ServingException.invalidArgument(name + ": image URLs are not fetched (clipserve"
          + " fetches nothing over the network); send the image as a data:image/...;base64, URI");
    }
    if (value.isEmpty()) {
      throw ServingException.invalidArgument(name + " is an empty string");
    }
    return Input.newBuilder().setText(value).build();
  }
}
