package io.clipserve.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecodeLaneTest {

  @Test
  void aRequestWithManyImagesDoesNotQueueThemAllAheadOfTheNextRequest() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      List<String> order = new CopyOnWriteArrayList<>();
      CountDownLatch firstRunning = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(6);
      DecodeLane many = new DecodeLane(pool, 1);
      DecodeLane one = new DecodeLane(pool, 1);

      many.execute(() -> {
        firstRunning.countDown();
        await(release);
        order.add("a1");
        done.countDown();
      });
      for (int i = 2; i <= 5; i++) {
        String name = "a" + i;
        many.execute(() -> {
          order.add(name);
          done.countDown();
        });
      }
      await(firstRunning);
      one.execute(() -> {
        order.add("b1");
        done.countDown();
      });
      release.countDown();

      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(order).containsExactly("a1", "b1", "a2", "a3", "a4", "a5");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLaneKeepsAtMostItsWidthInThePool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      DecodeLane lane = new DecodeLane(pool, 2);
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(20);
      for (int i = 0; i < 20; i++) {
        lane.execute(() -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          done.countDown();
        });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(most.get()).isBetween(1, 2);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
