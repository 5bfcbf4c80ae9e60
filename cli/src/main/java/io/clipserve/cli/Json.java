package io.clipserve.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/** JSON text: the proto3 JSON mapping of messages, and the pieces of the hand-built embed lines. */
public final class Json {

  // Fields at their default value are printed too, so a reader never has to know the defaults.
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().includingDefaultValueFields().omittingInsignificantWhitespace();

  private Json() {
  }

  /** The message on one line (camelCase names, int64 as strings, as JsonFormat prints them). */
  static String of(MessageOrBuilder message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only messages holding an Any of an unknown type fail; clipserve's have no Any.
      throw new IllegalStateException("cannot print " + message.getClass().getName(), e);
    }
  }

  /** A JSON string literal. */
  public static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** A JSON number for a float; NaN and the infinities as the strings proto3 JSON uses. */
  static String number(float value) {
    if (Float.isNaN(value)) {
      return "\"NaN\"";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    return Float.toString(value);
  }
}
