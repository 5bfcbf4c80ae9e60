package io.clipserve.it;

import io.clipserve.client.ClipServeClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Four clients, each on its own connection, embedding an image and a text in a loop until
 * stopped; they count what was answered and keep every failure. Start, attack, stop.
 */
final class WellBehavedClients implements AutoCloseable {
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger answered = new AtomicInteger();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<ClipServeClient> clients = new ArrayList<>();

  WellBehavedClients(String target) throws Exception {
    byte[] image = Files.readAllBytes(RealServer.IMAGES.resolve("pokemon.jpeg"));
    for (int i = 0; i < 4; i++) {
      ClipServeClient client = ClipServeClient.builder().target(target)
          .deadline(Duration.ofSeconds(60)).build();
      clients.add(client);
      Thread thread = new Thread(() -> {
        while (running.get()) {
          try {
            client.embedImageBytes(RealServer.MODEL, List.of(image));
            client.embedTexts(RealServer.MODEL, List.of("一位守规矩的客户"));
            answered.addAndGet(2);
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      }, "well-behaved-" + i);
      thread.start();
      threads.add(thread);
    }
  }

  /** Waits until at least {@code count} more calls have been answered than now. */
  void awaitAnswers(int count) throws InterruptedException {
    int target = answered.get() + count;
    long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (answered.get() < target && failures.isEmpty() && System.nanoTime() < giveUp) {
      Thread.sleep(20);
    }
  }

  int answered() {
    return answered.get();
  }

  List<Throwable> failures() {
    return failures;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    clients.forEach(ClipServeClient::close);
  }
}
