package io.clipserve.bench;

/**
 * The measuring window as the clients saw it: each closed-loop client's answers inside the window,
 * from its first to its last. A window cut at fixed times counts whole batches in or out at its
 * edges (at 8 image clients a batch of 7 answers is a tenth of a 15 s window); each client's own
 * rate, answers after its first over the time from its first to its last, has no such edge, and
 * their sum is the step's throughput. Confined to one thread.
 */
final class AnswerSpans {
  private final long[] first;
  private final long[] last;
  private final int[] answers;

  AnswerSpans(int clients) {
    first = new long[clients];
    last = new long[clients];
    answers = new int[clients];
  }

  /** Client {@code client} got an answer inside the window at {@code nanos}. */
  void answered(int client, long nanos) {
    if (answers[client]++ == 0) {
      first[client] = nanos;
    }
    last[client] = nanos;
  }

  /**
   * The seconds in which the window's answers came at the clients' own rates;
   * {@code windowSeconds} when a client had fewer than two answers to take a rate from.
   */
  double effectiveSeconds(double windowSeconds) {
    long total = 0;
    double perSecond = 0;
    for (int client = 0; client < answers.length; client++) {
      if (answers[client] < 2) {
        return windowSeconds;
      }
      total += answers[client];
      perSecond += (answers[client] - 1) / ((last[client] - first[client]) / 1e9);
    }
    return total / perSecond;
  }
}
