package io.clipserve.client.testing;

import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The double's arithmetic. An input's "size" is its text length or image byte count; query q and
 * candidate c score {@code cosine = 1 / (1 + |size(q) - size(c)|)}, {@code logit = 100 * cosine},
 * probability the softmax of the logits over the query's candidates; rows are sorted by logit,
 * best first, ties by candidate index, cut to top_k. Stateless.
 */
public final class Rankings {

  public static final float LOGIT_SCALE = 100f;

  private Rankings() {
  }

  /** The double's embedding of an input, before normalisation. */
  public static float[] vector(Input input, int index, long version) {
    boolean text = input.hasText();
    int first = text ? (input.getText().isEmpty() ? 0 : input.getText().charAt(0))
        : (input.getImage().isEmpty() ? 0 : input.getImage().byteAt(0) & 0xff);
    return new float[] {text ? 1 : 2, index, size(input), first, version};
  }

  public static float[] normalised(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    float[] unit = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      unit[i] = (float) (values[i] / Math.sqrt(sum));
    }
    return unit;
  }

  public static int size(Input input) {
    return input.hasText() ? input.getText().length() : input.getImage().size();
  }

  public static float cosine(Input query, Input candidate) {
    return 1f / (1 + Math.abs(size(query) - size(candidate)));
  }

  static List<SimilarityRow> rows(List<Input> queries, List<Input> candidates, int topK) {
    List<SimilarityRow> rows = new ArrayList<>();
    for (Input query : queries) {
      List<Score> scores = new ArrayList<>();
      double sum = 0;
      for (Input candidate : candidates) {
        sum += Math.exp(LOGIT_SCALE * cosine(query, candidate));
      }
      for (int c = 0; c < candidates.size(); c++) {
        float cosine = cosine(query, candidates.get(c));
        scores.add(Score.newBuilder().setIndex(c).setId(candidates.get(c).getId())
            .setCosine(cosine).setLogit(LOGIT_SCALE * cosine)
            .setProbability((float) (Math.exp(LOGIT_SCALE * cosine) / sum)).build());
      }
      scores.sort(Comparator.comparing(Score::getLogit).reversed().thenComparing(Score::getIndex));
      int kept = topK == 0 ? scores.size() : Math.min(topK, scores.size());
      rows.add(SimilarityRow.newBuilder().setQueryId(query.getId())
          .addAllScores(scores.subList(0, kept)).build());
    }
    return rows;
  }
}
