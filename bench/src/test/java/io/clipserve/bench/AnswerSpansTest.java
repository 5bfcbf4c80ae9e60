package io.clipserve.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnswerSpansTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void throughputIsTheSumOfEachClientsRateFromItsFirstAnswerToItsLast() {
    AnswerSpans spans = new AnswerSpans(2);
    // Client 0: an answer a second; client 1: one every two seconds.
    for (long t : new long[] {0, 1, 2, 3}) {
      spans.answered(0, t * SECOND + 7);
    }
    spans.answered(1, SECOND / 2);
    spans.answered(1, SECOND / 2 + 2 * SECOND);

    // 1 + 0.5 answers/s: the 4 + 2 answers took 6 / 1.5 s at those rates.
    assertThat(spans.effectiveSeconds(10.0)).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void aClientWithFewerThanTwoAnswersLeavesTheWindowAsItIs() {
    AnswerSpans spans = new AnswerSpans(2);
    spans.answered(0, 0);
    spans.answered(0, SECOND);
    spans.answered(1, SECOND);

    assertThat(spans.effectiveSeconds(15.0)).isEqualTo(15.0);
  }
}
