package io.clipserve.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LabelEmbeddingCacheTest {
  private static final List<String> TEMPLATES = List.of("一张{}的照片", "{}");
  private static final int DIM = 512;
  private static final long ENTRY = LabelEmbeddingCache.ENTRY_OVERHEAD_BYTES + 4L * DIM;

  @Test
  void holdsNoMoreBytesThanItsCapacityWhateverTheLabelsLength() {
    LabelEmbeddingCache cache = new LabelEmbeddingCache(10 * ENTRY);
    AtomicInteger computed = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      String megabyteLabel = (i + "!").repeat(1 << 19); // a million characters or more
      cache.getAll(TEMPLATES, List.of(megabyteLabel), missed -> vectors(missed, computed));
      assertThat(cache.bytes()).isLessThanOrEqualTo(10 * ENTRY);
    }
    assertThat(computed.get()).isEqualTo(100);
    assertThat(cache.size()).isEqualTo(10);
    assertThat(cache.bytes()).isEqualTo(10 * ENTRY);
  }

  @Test
  void aHitComputesNothingAndTheTemplateSetIsPartOfTheKey() {
    LabelEmbeddingCache cache = new LabelEmbeddingCache(1 << 20);
    AtomicInteger computed = new AtomicInteger();
    cache.getAll(TEMPLATES, List.of("猫", "狗", "猫"), missed -> vectors(missed, computed));
    assertThat(computed.get()).isEqualTo(2);
    cache.getAll(TEMPLATES, List.of("狗", "猫"), missed -> vectors(missed, computed));
    assertThat(computed.get()).isEqualTo(2);
    cache.getAll(List.of("{}"), List.of("猫"), missed -> vectors(missed, computed));
    cache.getAll(List.of("一张{}", "的照片{}"), List.of("猫"), m -> vectors(m, computed));
    cache.getAll(List.of("一张{}的照片{}"), List.of("猫"), m -> vectors(m, computed));
    assertThat(computed.get()).isEqualTo(5);
  }

  @Test
  void anErrorThrownByTheComputationFailsEveryWaiterAndIsNotKept() throws Exception {
    LabelEmbeddingCache cache = new LabelEmbeddingCache(1 << 20);
    OutOfMemoryError error = new OutOfMemoryError("injected");
    List<CompletableFuture<float[]>> failed = cache.getAll(TEMPLATES, List.of("猫", "狗"),
        missed -> {
          throw error;
        });
    for (CompletableFuture<float[]> future : failed) {
      assertThat(future).failsWithin(1, TimeUnit.SECONDS).withThrowableThat()
          .havingRootCause().isSameAs(error);
    }
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).isZero();

    AtomicInteger computed = new AtomicInteger();
    var retried = cache.getAll(TEMPLATES, List.of("猫"), missed -> vectors(missed, computed));
    assertThat(retried.get(0).get(1, TimeUnit.SECONDS)).hasSize(DIM);
  }

  @Test
  void aComputationThatFailsLaterFailsItsWaitersAndIsNotKept() {
    LabelEmbeddingCache cache = new LabelEmbeddingCache(1 << 20);
    CompletableFuture<float[]> running = new CompletableFuture<>();
    var first = cache.getAll(TEMPLATES, List.of("猫"), missed -> List.of(running));
    var second = cache.getAll(TEMPLATES, List.of("猫"), missed -> {
      throw new AssertionError("a concurrent miss shares the running computation");
    });
    running.completeExceptionally(new StackOverflowError("injected"));

    assertThat(first.get(0)).isCompletedExceptionally();
    assertThat(second.get(0)).isCompletedExceptionally();
    assertThat(cache.size()).isZero();
  }

  private static List<CompletableFuture<float[]>> vectors(List<String> missed,
      AtomicInteger computed) {
    List<CompletableFuture<float[]>> out = new ArrayList<>();
    for (String label : missed) {
      computed.incrementAndGet();
      out.add(CompletableFuture.completedFuture(new float[DIM]));
    }
    return out;
  }
}
