package io.clipserve.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The messages of one stream that are sent and not yet handed to the listener. Each gets a
 * sequence number (sent on the wire as its {@code request_id}); a message leaves the window when
 * its answer is handed over ({@link #handed}), one answer at a time even when an older answer
 * releases several held ones, so ordered delivery never buffers more than the window either.
 * Not thread-safe: {@link ClientStream} guards it.
 */
final class AnswerWindow<Q, A> {

  /** A request, its sequence number and the answer to hand the listener for it. */
  record Answer<Q, A>(long sequence, Q request, A response) {
  }

  private final int size;
  private final boolean ordered;
  private final Map<Long, Q> open = new HashMap<>();
  private final TreeMap<Long, A> early = new TreeMap<>(); // ordered: answers awaiting an older one
  private final Set<Long> due = new HashSet<>(); // returned by arrived, not yet handed
  private long nextSequence;
  private long nextToHand;

  AnswerWindow(int size, boolean ordered) {
    this.size = size;
    this.ordered = ordered;
  }

  boolean hasRoom() {
    return open.size() < size;
  }

  /** Takes {@code request} into the window; returns its sequence number. */
  long open(Q request) {
    open.put(nextSequence, request);
    return nextSequence++;
  }

  /**
   * Records the answer to message {@code sequence}; returns the answers now due to the listener,
   * in order. They stay in the window until {@link #handed}.
   *
   * @throws IllegalStateException when no open message has that number
   */
  List<Answer<Q, A>> arrived(long sequence, A response) {
    if (!open.containsKey(sequence) || early.containsKey(sequence) || due.contains(sequence)) {
      throw new IllegalStateException(
          "the server answered message " + sequence + ", which is not open");
    }
    if (!ordered) {
      due.add(sequence);
      return List.of(new Answer<>(sequence, open.get(sequence), response));
    }
    early.put(sequence, response);
    List<Answer<Q, A>> now = new ArrayList<>();
    while (!early.isEmpty() && early.firstKey() == nextToHand) {
      due.add(nextToHand);
      now.add(new Answer<>(nextToHand, open.get(nextToHand), early.pollFirstEntry().getValue()));
      nextToHand++;
    }
    return now;
  }

  /** The answer to message {@code sequence} goes to the listener now: its room is free. */
  void handed(long sequence) {
    due.remove(sequence);
    open.remove(sequence);
  }
}
