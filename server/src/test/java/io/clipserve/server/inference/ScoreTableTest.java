package io.clipserve.server.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clipserve.proto.v1.Score;
import io.clipserve.proto.v1.SimilarityRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreTableTest {
  private static final List<float[]> CANDIDATES = List.of(
      new float[] {1, 0}, new float[] {0, 1}, Vectors.normalize(new float[] {1, 1}));

  @Test
  void scoresAreSortedByLogitWithSoftmaxOverAllCandidates() {
    float[] query = Vectors.normalize(new float[] {1, 0.2f});
    List<SimilarityRow> rows = ScoreTable.rows(List.of("q"), List.of(query), List.of("a", "b", "c"),
        CANDIDATES, 100f, 0);
    List<Score> scores = rows.get(0).getScoresList();
    assertThat(scores).extracting(Score::getId).containsExactly("a", "c", "b");
    assertThat(scores).extracting(Score::getIndex).containsExactly(0, 2, 1);
    double sum = scores.stream().mapToDouble(Score::getProbability).sum();
    assertThat(sum).isCloseTo(1.0, within(1e-6));
    for (Score s : scores) {
      assertThat(s.getLogit()).isCloseTo(100f * s.getCosine(), within(1e-4f));
    }
    assertThat(scores.get(0).getCosine()).isCloseTo(Vectors.dot(query, CANDIDATES.get(0)), within(1e-6f));
  }

  @Test
  void topKKeepsTheBestAndProbabilitiesStillCoverEveryCandidate() {
    List<SimilarityRow> rows = ScoreTable.rows(List.of("x", "y"),
        List.of(new float[] {0, 1}, new float[] {1, 0}), List.of("a", "b", "c"), CANDIDATES, 10f, 1);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getQueryId()).isEqualTo("x");
    assertThat(rows.get(0).getScoresList()).extracting(Score::getId).containsExactly("b");
    assertThat(rows.get(1).getScoresList()).extracting(Score::getId).containsExactly("a");
    assertThat(rows.get(0).getScores(0).getProbability()).isLessThan(1f);
  }

  @Test
  void meanOfNormalisedVectorsIsRenormalised() {
    float[] mean = Vectors.normalize(Vectors.mean(List.of(new float[] {1, 0}, new float[] {0, 1})));
    assertThat(mean[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    assertThat(Vectors.dot(mean, mean)).isCloseTo(1f, within(1e-6f));
  }
}
