package io.clipserve.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-built JSON object, its fields in the order added: doubles with four decimals (null when
 * not finite), other values as their text, so strings must come quoted ({@link Json#quote}) and
 * arrays or objects as JSON text. Not thread-safe.
 */
public final class JsonObject {

  private final List<String> fields = new ArrayList<>();

  public JsonObject() {
  }

  /** A copy of {@code other}, to add more fields to. */
  public JsonObject(JsonObject other) {
    fields.addAll(other.fields);
  }

  public JsonObject add(String name, Object value) {
    String text = value instanceof Double d ? number(d) : String.valueOf(value);
    fields.add(Json.quote(name) + ":" + text);
    return this;
  }

  /** A JSON array of the given JSON texts. */
  public static String array(List<?> elements) {
    List<String> texts = elements.stream().map(String::valueOf).toList();
    return "[" + String.join(",", texts) + "]";
  }

  @Override
  public String toString() {
    return "{" + String.join(",", fields) + "}";
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
  }
}
