package io.clipserve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Intervals cut on given instants: each answer and failure in its own, empty ones included. */
class IntervalMeterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void everyAnswerAndFailureLandsInTheIntervalItArrivedInAndGapsAreReportedEmpty() {
    List<Interval> done = new ArrayList<>();
    long start = 7 * SECOND;
    IntervalMeter meter = new IntervalMeter(start, 2 * SECOND, done::add);

    meter.answered(start + SECOND / 2, 4, 10_000_000);
    meter.answered(start + SECOND, 4, 30_000_000);
    meter.failed(start + 2 * SECOND);
    // Nothing from 4 s to 6 s: a replica went away and every call waited.
    meter.roll(start + 6 * SECOND);
    meter.answered(start + 6 * SECOND + 1, 4, 20_000_000);
    meter.finish(start + 7 * SECOND);

    assertThat(done).extracting(Interval::fromSeconds).containsExactly(0.0, 2.0, 4.0, 6.0);
    assertThat(done).extracting(Interval::toSeconds).containsExactly(2.0, 4.0, 6.0, 7.0);
    assertThat(done).extracting(i -> i.tally().requests()).containsExactly(2L, 0L, 0L, 1L);
    assertThat(done).extracting(i -> i.tally().errors()).containsExactly(0L, 1L, 0L, 0L);
    assertThat(done.get(0).tally().itemsPerSecond()).isEqualTo(4.0);
    assertThat(done.get(0).tally().percentileMillis(99)).isEqualTo(30.0);
    assertThat(done.get(3).tally().itemsPerSecond()).isEqualTo(4.0);
  }

  @Test
  void finishingOnAnIntervalBoundaryAddsNoEmptyTail() {
    List<Interval> done = new ArrayList<>();
    IntervalMeter meter = new IntervalMeter(0, SECOND, done::add);

    meter.answered(SECOND / 2, 1, 1);
    meter.finish(SECOND);

    assertThat(done).hasSize(1);
  }
}
