package io.clipserve.server.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.ServingException;
import io.clipserve.server.ServingException.Reason;
import io.clipserve.server.testing.Eventually;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {
  private static final long MS = 1_000_000;

  private static List<CompletableFuture<float[]>> submit(DynamicBatcher batcher, int from, int count,
      CallScope scope) {
    try (Reservation room = batcher.reserve(count)) {
      List<CompletableFuture<float[]>> results = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        results.add(batcher.submit(room, SummingEncoder.row(i), scope));
      }
      return results;
    }
  }

  @Test
  void everyItemGetsItsOwnRowAndBatchesRespectTheLimit() throws Exception {
    SummingEncoder encoder = new SummingEncoder(4);
    encoder.gate = new CountDownLatch(1);
    try (DynamicBatcher batcher = new DynamicBatcher("t", encoder,
        new BatchingPolicy(4, new int[0], 5 * MS, 100, 1))) {
      List<CompletableFuture<float[]>> first = submit(batcher, 0, 1, CallScope.NONE);
      encoder.entered.await(5, TimeUnit.SECONDS);
      List<CompletableFuture<float[]>> rest = submit(batcher, 1, 9, CallScope.NONE);
      encoder.gate.countDown();
      first.addAll(rest);
      for (int i = 0; i < first.size(); i++) {
        assertThat(first.get(i).get(5, TimeUnit.SECONDS)[0]).isEqualTo(i);
      }
      assertThat(encoder.batchSizes).containsExactly(1, 4, 4, 1);
      assertThat(batcher.statistics().items()).isEqualTo(10);
      assertThat(batcher.statistics().executions(4)).isEqualTo(2);
    }
  }

  @Test
  void aPreferredSizeLeavesWithoutWaitingForTheDelay() throws Exception {
    SummingEncoder encoder = new SummingEncoder(8);
    try (DynamicBatcher batcher = new DynamicBatcher("t", encoder,
        new BatchingPolicy(8, new int[] {2}, 10_000 * MS, 100, 1))) {
      long start = System.nanoTime();
      var results = submit(batcher, 0, 2, CallScope.NONE);
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - start).isLessThan(5_000 * MS);
      assertThat(encoder.batchSizes).containsExactly(2);
    }
  }

  @Test
  void aFullQueueRefusesAtOnceAndWhole() throws Exception {
    SummingEncoder encoder = new SummingEncoder(1);
    encoder.gate = new CountDownLatch(1);
    try (DynamicBatcher batcher = new DynamicBatcher("m/1/text", encoder,
        new BatchingPolicy(1, new int[0], 0, 3, 1))) {
      var running = submit(batcher, 0, 1, CallScope.NONE);
      encoder.entered.await(5, TimeUnit.SECONDS);
      var queued = submit(batcher, 1, 2, CallScope.NONE);
      assertThatThrownBy(() -> batcher.reserve(2))
          .isInstanceOfSatisfying(ServingException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.RESOURCE_EXHAUSTED))
          .hasMessageContaining("queue of m/1/text is full");
      batcher.reserve(1).close();
      encoder.gate.countDown();
      assertThat(queued.get(1).get(5, TimeUnit.SECONDS)[0]).isEqualTo(2);
      assertThat(running.get(0).get(5, TimeUnit.SECONDS)[0]).isEqualTo(0);
    }
  }

  @Test
  void abandonedItemsAreDroppedBeforeInference() throws Exception {
    SummingEncoder encoder = new SummingEncoder(4);
    encoder.gate = new CountDownLatch(1);
    AtomicBoolean expired = new AtomicBoolean();
    CallScope deadline = () -> expired.get() ? new ServingException(Reason.DEADLINE_EXCEEDED, "late") : null;
    try (DynamicBatcher batcher = new DynamicBatcher("t", encoder,
        new BatchingPolicy(4, new int[0], 0, 100, 1))) {
      var running = submit(batcher, 0, 1, CallScope.NONE);
      encoder.entered.await(5, TimeUnit.SECONDS);
      var late = submit(batcher, 1, 2, deadline);
      var onTime = submit(batcher, 3, 1, CallScope.NONE);
      expired.set(true);
      encoder.gate.countDown();
      assertThatThrownBy(() -> late.get(0).get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ServingException.class);
      assertThat(onTime.get(0).get(5, TimeUnit.SECONDS)[1]).isEqualTo(1);
      running.get(0).get(5, TimeUnit.SECONDS);
      assertThat(encoder.batchSizes).containsExactly(1, 1);
      assertThat(batcher.statistics().failures()).isEqualTo(2);
    }
  }

  @Test
  void closeAnswersWhatWasQueuedThenRefuses() throws Exception {
    SummingEncoder encoder = new SummingEncoder(2);
    DynamicBatcher batcher = new DynamicBatcher("m/1/image", encoder, new BatchingPolicy(2, new int[0], MS, 100, 2));
    var results = submit(batcher, 0, 5, CallScope.NONE);
    batcher.close();
    for (var result : results) {
      assertThat(result).isCompleted();
    }
    assertThatThrownBy(() -> batcher.reserve(1)).hasMessageContaining("being unloaded");
  }

  @Test
  void closeWaitsForAnItemAdmittedButStillBeingPreprocessed() throws Exception {
    SummingEncoder encoder = new SummingEncoder(2);
    DynamicBatcher batcher = new DynamicBatcher("m/1/image", encoder, new BatchingPolicy(2, new int[0], MS, 100, 2));
    Reservation room = batcher.reserve(1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);
    Thread.sleep(50);
    assertThat(closing).isNotDone();
    CompletableFuture<float[]> late = batcher.submit(room, SummingEncoder.row(7), CallScope.NONE);
    closing.get(5, TimeUnit.SECONDS);
    assertThat(late.get(5, TimeUnit.SECONDS)[0]).isEqualTo(7);
  }

  @Test
  void idleWorkersParkWithoutATimeout() throws Exception {
    DynamicBatcher batcher = new DynamicBatcher("idle/1/text", new SummingEncoder(2), new BatchingPolicy(4, new int[0], MS, 100, 3));
    try {
      submit(batcher, 0, 1, CallScope.NONE).get(0).get(5, TimeUnit.SECONDS);
      // Timed polling would wake every idle worker many times a second and preempt busy encoders.
      Eventually.await("three workers parked without a timeout", () -> {
        List<Thread.State> states = workerStates("batch-idle/1/text-");
        return states.size() == 3 && states.stream().allMatch(s -> s == Thread.State.WAITING);
      });
    } finally {
      batcher.close();
    }
  }

  private static List<Thread.State> workerStates(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith(prefix)).map(Thread::getState).toList();
  }
}
