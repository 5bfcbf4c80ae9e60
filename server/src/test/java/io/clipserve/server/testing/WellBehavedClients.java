package io.clipserve.server.testing;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Clients that embed an image and a text without pause, each on its own thread, while a test
 * attacks the server; they record every failure. Close them to stop.
 */
public final class WellBehavedClients implements AutoCloseable {
  /** Generous: a client may wait behind a hostile decode, never fail. */
  private static final long DEADLINE_SECONDS = 60;

  private final List<Thread> threads = new ArrayList<>();
  private final AtomicIntegerArray served;
  private final AtomicInteger total = new AtomicInteger();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopping;

  private WellBehavedClients(int count) {
    this.served = new AtomicIntegerArray(count);
  }

  /** Starts {@code count} clients of {@code model} on {@code channel}. */
  public static WellBehavedClients start(ManagedChannel channel, String model, int count) {
    WellBehavedClients clients = new WellBehavedClients(count);
    EmbedRequest request = EmbedRequest.newBuilder().setModel(model)
        .addInputs(Input.newBuilder().setImage(
            ByteString.copyFrom(TestRepository.image("pokemon.jpeg"))))
        .addInputs(Input.newBuilder().setText("一只猫")).build();
    for (int i = 0; i < count; i++) {
      int client = i;
      Thread thread = new Thread(() -> clients.run(channel, request, client), "well-behaved-" + i);
      clients.threads.add(thread);
      thread.start();
    }
    return clients;
  }

  private void run(ManagedChannel channel, EmbedRequest request, int client) {
    var stub = EmbeddingServiceGrpc.newBlockingStub(channel);
    while (!stopping) {
      try {
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).embed(request);
        served.incrementAndGet(client);
        total.incrementAndGet();
      } catch (StatusRuntimeException e) {
        failures.add(e);
      }
    }
  }

  /** Waits until every client has been served {@code more} further requests. */
  public void awaitEachServed(int more, Duration timeout) {
    int[] target = new int[served.length()];
    for (int i = 0; i < target.length; i++) {
      target[i] = served.get(i) + more;
    }
    Eventually.await(more + " more answers for each well-behaved client", timeout, () -> {}, () -> {
      for (int i = 0; i < target.length; i++) {
        if (served.get(i) < target[i] && failures.isEmpty()) {
          return false;
        }
      }
      return true;
    });
  }

  /** Requests answered so far, over all clients. */
  public int served() {
    return total.get();
  }

  /** Every failure a client saw. */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS + 10));
    }
  }
}
