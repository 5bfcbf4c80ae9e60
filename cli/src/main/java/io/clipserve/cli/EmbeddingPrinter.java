package io.clipserve.cli;

import io.clipserve.client.EmbeddingResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints embed results: a compact table for people, or one JSON object per input. */
final class EmbeddingPrinter {

  private static final int SHOWN_VALUES = 4;

  private EmbeddingPrinter() {
  }

  static void print(PrintWriter out, EmbeddingResult result, List<String> labels, boolean json) {
    if (json) {
      for (int i = 0; i < result.size(); i++) {
        out.println(jsonLine(result, i, labels.get(i)));
      }
      return;
    }
    out.println("model " + result.model() + "  version " + result.modelVersion());
    TextTable table = new TextTable("#", "dim", "norm", "truncated", "values", "input");
    for (int i = 0; i < result.size(); i++) {
      float[] vector = result.vector(i);
      table.row(i, vector.length, format("%.4f", norm(vector)),
          result.truncated(i) ? "yes" : "no", head(vector), labels.get(i));
    }
    table.print(out, "");
  }

  /** Named as in the proto3 JSON of {@code EmbedResponse}, plus the input's index. */
  private static String jsonLine(EmbeddingResult result, int index, String label) {
    StringBuilder line = new StringBuilder()
        .append("{\"index\":").append(index)
        .append(",\"id\":").append(Json.quote(label))
        .append(",\"model\":").append(Json.quote(result.model()))
        .append(",\"modelVersion\":\"").append(result.modelVersion()).append('"')
        .append(",\"truncated\":").append(result.truncated(index))
        .append(",\"values\":[");
    float[] vector = result.vector(index);
    for (int i = 0; i < vector.length; i++) {
      line.append(i == 0 ? "" : ",").append(Json.number(vector[i]));
    }
    return line.append("]}").toString();
  }

  private static String head(float[] vector) {
    StringBuilder shown = new StringBuilder("[");
    for (int i = 0; i < Math.min(SHOWN_VALUES, vector.length); i++) {
      shown.append(i == 0 ? "" : ", ").append(format("%.4f", vector[i]));
    }
    return shown.append(vector.length > SHOWN_VALUES ? ", …]" : "]").toString();
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
