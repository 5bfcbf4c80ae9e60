package io.clipserve.cli;

import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityRow;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints similarity and classify rows for people: per query, its candidates best first. */
final class RankingPrinter {

  private RankingPrinter() {
  }

  /**
   * @param queries labels of the queries, in request order (a row per query)
   * @param candidates labels of the candidates (or classify labels), indexed by {@code Score.index}
   */
  static void print(PrintWriter out, String model, long version, List<SimilarityRow> rows,
      List<String> queries, List<String> candidates) {
    out.println("model " + model + "  version " + version);
    for (int q = 0; q < rows.size(); q++) {
      out.println("query " + q + ": " + label(queries, q));
      TextTable table = new TextTable("rank", "probability", "logit", "cosine", "candidate");
      int rank = 1;
      for (Score score : rows.get(q).getScoresList()) {
        table.row(rank++, format("%.4f", score.getProbability()), format("%.3f", score.getLogit()),
            format("%.4f", score.getCosine()), label(candidates, score.getIndex()));
      }
      table.print(out, "  ");
    }
  }

  /** The label at {@code index}, or {@code #index} should the server answer one out of range. */
  private static String label(List<String> labels, int index) {
    return index >= 0 && index < labels.size() ? labels.get(index) : "#" + index;
  }

  private static String format(String pattern, float value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
