package io.clipserve.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a custom resource against its CRD's {@code openAPIV3Schema} the way the API server's
 * strict field validation does: types, {@code required}, {@code enum}, {@code minimum}/{@code
 * maximum}, {@code x-kubernetes-int-or-string}, and unknown fields rejected unless the schema has
 * {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}. {@code metadata}
 * is the API server's (CRD schemas leave it open) and is not checked here. Immutable.
 */
final class StructuralSchema {
  /** Marks a field the schema does not allow. */
  private static final JsonNode UNKNOWN = MissingNode.getInstance();

  private final JsonNode schema;

  StructuralSchema(JsonNode schema) {
    this.schema = schema;
  }

  /** Every violation, each with the field path; empty when the resource conforms. */
  List<String> violations(JsonNode resource) {
    List<String> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("metadata")) {
        check(property(schema, field.getKey()), field.getValue(), field.getKey(), out);
      }
    }
    return out;
  }

  private static JsonNode property(JsonNode objectSchema, String name) {
    JsonNode declared = objectSchema.path("properties").get(name);
    if (declared != null) {
      return declared;
    }
    JsonNode additional = objectSchema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      return additional;
    }
    if ((additional != null && additional.asBoolean())
        || objectSchema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      return null;
    }
    return UNKNOWN;
  }

  private static void check(JsonNode s, JsonNode v, String path, List<String> out) {
    if (s == null) {
      return;
    }
    if (s == UNKNOWN) {
      out.add(path + ": unknown field");
      return;
    }
    if (v.isNull()) {
      if (!s.path("nullable").asBoolean()) {
        out.add(path + ": null");
      }
      return;
    }
    if (s.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!v.isIntegralNumber() && !v.isTextual()) {
        out.add(path + ": neither integer nor string");
      }
      return;
    }
    if (s.has("enum") && !contains(s.get("enum"), v)) {
      out.add(path + ": " + v + " not one of " + s.get("enum"));
    }
    switch (s.path("type").asText("")) {
      case "object" -> checkObject(s, v, path, out);
      case "array" -> {
        if (!v.isArray()) {
          out.add(path + ": not an array");
          return;
        }
        for (int i = 0; i < v.size(); i++) {
          check(s.get("items"), v.get(i), path + "[" + i + "]", out);
        }
      }
      case "string" -> expect(v.isTextual(), path, "a string", out);
      case "boolean" -> expect(v.isBoolean(), path, "a boolean", out);
      case "number" -> expect(v.isNumber(), path, "a number", out);
      case "integer" -> {
        expect(v.isIntegralNumber(), path, "an integer", out);
        if (s.has("minimum") && v.asDouble() < s.get("minimum").asDouble()) {
          out.add(path + ": below the minimum " + s.get("minimum"));
        }
        if (s.has("maximum") && v.asDouble() > s.get("maximum").asDouble()) {
          out.add(path + ": above the maximum " + s.get("maximum"));
        }
      }
      default -> { }
    }
  }

  private static void checkObject(JsonNode s, JsonNode v, String path, List<String> out) {
    if (!v.isObject()) {
      out.add(path + ": not an object");
      return;
    }
    for (JsonNode required : s.path("required")) {
      if (!v.has(required.asText())) {
        out.add(path + ": missing required field " + required.asText());
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      check(property(s, field.getKey()), field.getValue(), path + "." + field.getKey(), out);
    }
  }

  private static boolean contains(JsonNode values, JsonNode v) {
    for (JsonNode allowed : values) {
      if (allowed.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static void expect(boolean holds, String path, String what, List<String> out) {
    if (!holds) {
      out.add(path + ": not " + what);
    }
  }
}
