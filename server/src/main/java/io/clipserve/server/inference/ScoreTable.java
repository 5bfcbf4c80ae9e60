package io.clipserve.server.inference;

import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityRow;
import io.clipserve.server.ServingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores of queries against candidates, all unit vectors: cosine, logit = scale × cosine,
 * probability = softmax of the logits over every candidate of a query; rows sorted by logit,
 * descending, cut to top_k. Stateless.
 */
final class ScoreTable {
  private ScoreTable() {}

  /** A request's {@code top_k}: 0 (all) or positive. */
  static void checkTopK(int topK) {
    if (topK < 0) {
      throw ServingException.invalidArgument(
          "top_k is " + topK + "; it must be 0 (every score) or positive");
    }
  }

  /**
   * @param candidateIds the id each score names (the candidate's id, or the label)
   * @param topK scores kept per row; 0 or more than the candidates: all
   */
  static List<SimilarityRow> rows(List<String> queryIds, List<float[]> queries, List<String> candidateIds,
      List<float[]> candidates, float logitScale, int topK) {
    List<SimilarityRow> rows = new ArrayList<>(queries.size());
    int keep = topK <= 0 ? candidates.size() : Math.min(topK, candidates.size());
    for (int q = 0; q < queries.size(); q++) {
      rows.add(row(queryIds.get(q), queries.get(q), candidateIds, candidates, logitScale, keep));
    }
    return rows;
  }

  private static SimilarityRow row(String queryId, float[] query, List<String> candidateIds,
      List<float[]> candidates, float logitScale, int keep) {
    int n = candidates.size();
    float[] cosine = new float[n];
    double[] logit = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < n; c++) {
      cosine[c] = Vectors.dot(query, candidates.get(c));
      logit[c] = (double) logitScale * cosine[c];
      max = Math.max(max, logit[c]);
    }
    double sum = 0;
    double[] exp = new double[n];
    for (int c = 0; c < n; c++) {
      exp[c] = Math.exp(logit[c] - max);
      sum += exp[c];
    }
    List<Score> scores = new ArrayList<>(n);
    for (int c = 0; c < n; c++) {
      scores.add(Score.newBuilder().setIndex(c).setId(candidateIds.get(c)).setCosine(cosine[c])
          .setLogit((float) logit[c]).setProbability((float) (exp[c] / sum)).build());
    }
    scores.sort(Comparator.comparingDouble(Score::getLogit).reversed().thenComparingInt(Score::getIndex));
    return SimilarityRow.newBuilder().setQueryId(queryId).addAllScores(scores.subList(0, keep)).build();
  }
}
