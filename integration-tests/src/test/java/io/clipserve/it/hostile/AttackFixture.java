package io.clipserve.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import io.clipserve.client.ClipServeClient;
import io.clipserve.client.Inputs;
import io.clipserve.it.RealServer;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * Runs one attack against the shared {@link RealServer} while {@value #CLIENTS} well-behaved
 * clients, each on its own channel, embed images and texts without pause, then checks what
 * issue 14 asks of every attack:
 * <ol>
 *   <li>the well-behaved clients saw no failure, and each was answered during the attack;
 *   <li>the JVM's resident memory ({@code VmRSS} of {@code /proc/self/status}) after the attack
 *       and a full GC is within {@value #RSS_GROWTH_PERCENT} % of before it. Before is measured
 *       after a warm-up of the same clients at the same concurrency and one load and unload of
 *       a model, so that code first run then (classes, JIT) does not count; both measures
 *       follow full GCs and a {@code malloc_trim}, as the server does after closing a version,
 *       so that memory glibc keeps for reuse does not count either;
 *   <li>a new model still loads (the bundled model copied under a new name, then LoadModel) and
 *       serves, and once unloaded its version reaches UNAVAILABLE; the copy is removed again.
 * </ol>
 *
 * <p>Usage, from a test that takes the shared server ({@code @ExtendWith(SharedServer.class)}):
 * <pre>{@code
 * String answer = new AttackFixture(server).survive("10,000 idle streams", () -> {
 *   ... attack, on this thread (start more threads if it needs them, and join them) ...
 *   return what the attack saw, for the test's own assertions on the attacker's errors;
 * });
 * }</pre>
 * The attack's own checks (the error names the limit, no thread held longer than the limit)
 * belong to the test. Any hostile case (streams, connections, malformed messages, decode cost,
 * Classify) can move onto it: it needs only the server. Not thread-safe: one attack at a time,
 * which the shared server's single JVM requires anyway for the memory check.
 */
public final class AttackFixture {
  public static final int CLIENTS = 4;
  static final int RSS_GROWTH_PERCENT = 10;
  /** Rounds each client completes, all at once, before the baseline is measured. */
  private static final int WARM_UP_ROUNDS = 20;
  /** Rounds each client completes at least while the attack runs, however short it is. */
  private static final int ROUNDS_DURING_ATTACK = 3;
  private static final AtomicInteger LOADED = new AtomicInteger();
  private static final Function MALLOC_TRIM =
      NativeLibrary.getInstance("c").getFunction("malloc_trim");

  private final RealServer server;
  private final List<Input> images;
  /** Rounds each client has completed in the current {@link #underLoad}; read by {@link #awaitRounds}. */
  private volatile AtomicLongArray rounds = new AtomicLongArray(CLIENTS);

  public AttackFixture(RealServer server) {
    this.server = server;
    this.images = List.of(Inputs.image(RealServer.IMAGES.resolve("pokemon.jpeg")),
        Inputs.image(RealServer.IMAGES.resolve("coco_000000005082.jpg")));
  }

  /**
   * Runs {@code attack} under the clients' load and checks the three points above; returns what
   * the attack returned.
   */
  public <T> T survive(String attackName, Callable<T> attack) throws Exception {
    List<ClipServeClient> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      clients.add(ClipServeClient.builder().target(server.target())
          .deadline(Duration.ofSeconds(60)).build());
    }
    try {
      underLoad("warm-up", clients, WARM_UP_ROUNDS, () -> null);
      newModelLoadsAndUnloads();
      long before = rssAfterGc();
      String jvmBefore = jvmMemory();
      T result = underLoad(attackName, clients, ROUNDS_DURING_ATTACK, attack);
      long after = rssAfterGc();
      System.out.printf("attack '%s': VmRSS %d kB before, %d kB after (%+.1f %%); MB %s -> %s%n",
          attackName, before, after, 100.0 * (after - before) / before, jvmBefore, jvmMemory());
      assertThat(after).as("VmRSS after '%s' and a GC (%d kB) vs before (%d kB); "
              + "JVM pools before: %s, after: %s",
              attackName, after, before, jvmBefore, jvmMemory())
          .isLessThanOrEqualTo(before + before * RSS_GROWTH_PERCENT / 100);
      newModelLoadsAndUnloads();
      return result;
    } finally {
      clients.forEach(ClipServeClient::close);
    }
  }

  /** Runs {@code attack} while the clients embed, each at least {@code minRounds} times. */
  private <T> T underLoad(String attackName, List<ClipServeClient> clients, int minRounds,
      Callable<T> attack) throws Exception {
    AtomicBoolean attacking = new AtomicBoolean(true);
    AtomicLongArray rounds = new AtomicLongArray(CLIENTS);
    this.rounds = rounds;
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      int index = i;
      ClipServeClient client = clients.get(i);
      Thread thread = new Thread(() -> {
        long round = 0;
        while (attacking.get() || round < minRounds) {
          try {
            embedRound(client, round);
          } catch (RuntimeException e) {
            failures.add("client " + index + " round " + round + ": " + e);
          }
          rounds.set(index, ++round);
        }
      }, "well-behaved-" + i);
      thread.start();
      threads.add(thread);
    }
    T result;
    try {
      result = attack.call();
    } finally {
      attacking.set(false);
      for (Thread thread : threads) {
        thread.join();
      }
    }
    assertThat(failures).as("failures of the well-behaved clients during '%s'", attackName)
        .isEmpty();
    for (int i = 0; i < CLIENTS; i++) {
      assertThat(rounds.get(i)).as("rounds of client %d", i).isGreaterThanOrEqualTo(minRounds);
    }
    return result;
  }

  /**
   * For an attack that must stay in place while the clients work (open streams, held
   * connections): returns once every client has completed {@code count} more rounds than when
   * called; fails after two minutes.
   */
  public void awaitRounds(int count) {
    AtomicLongArray current = rounds;
    long[] from = new long[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      from[i] = current.get(i);
    }
    for (int i = 0; i < CLIENTS; i++) {
      int client = i;
      await(count + " more rounds of client " + i, Duration.ofMinutes(2),
          () -> current.get(client) >= from[client] + count);
    }
  }

  /** One request with both images and a text that changes per round (no cache answers it). */
  private void embedRound(ClipServeClient client, long round) {
    EmbedRequest request = EmbedRequest.newBuilder().setModel(RealServer.MODEL).addAllInputs(images)
        .addInputs(Inputs.text("一只猫 " + round + " " + Thread.currentThread().getName()))
        .build();
    assertThat(client.embed(request).vectors()).hasSize(images.size() + 1);
  }

  /** The bundled model under a new name: LoadModel, one embedding, UnloadModel, then removed. */
  private void newModelLoadsAndUnloads() throws IOException {
    String name = "after-attack-" + LOADED.incrementAndGet();
    Path dir = server.repository().resolve(name);
    RealServer.copyTree(RealServer.MODEL_DIR, dir);
    Path config = dir.resolve("config.pbtxt");
    Files.writeString(config, Files.readString(config)
        .replace("name: \"" + RealServer.MODEL + "\"", "name: \"" + name + "\""));
    ClipServeClient client = server.client();
    try {
      ModelInfo loaded = client.loadModel(name, 0);
      assertThat(loaded.getVersionsList()).extracting(VersionInfo::getState)
          .as("%s after LoadModel: %s", name, loaded).containsExactly(VersionInfo.State.READY);
      assertThat(client.embed(EmbedRequest.newBuilder().setModel(name)
          .addInputs(Inputs.text("一只狗")).build()).vectors()).hasSize(1);
      client.unloadModel(name);
      await(name + " version 1 UNAVAILABLE", () -> client.getModel(name).getVersions(0).getState()
          == VersionInfo.State.UNAVAILABLE);
    } finally {
      RealServer.delete(dir);
      server.poll();
      await(name + " forgotten", () -> {
        try {
          client.getModel(name);
          return false;
        } catch (StatusRuntimeException e) {
          return e.getStatus().getCode() == Status.Code.NOT_FOUND;
        }
      });
    }
  }

  /** Waits up to 30 s for {@code condition}, which background work (a poll, a drain) makes true. */
  public static void await(String what, BooleanSupplier condition) {
    await(what, Duration.ofSeconds(30), condition);
  }

  /** Waits up to {@code limit} for {@code condition}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** The JVM's committed memory by pool, in MB, to tell what grew when RSS did. */
  private static String jvmMemory() {
    StringBuilder out = new StringBuilder();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      out.append(pool.getName()).append('=').append(pool.getUsage().getCommitted() >> 20)
          .append(' ');
    }
    return out.toString().trim();
  }

  /**
   * Resident memory in kB once settled: the least of three looks, each after full GCs and a trim
   * of glibc's malloc arenas, so that work finishing in the background (a version closing, a
   * buffer on its way back) counts in neither measure.
   */
  static long rssAfterGc() throws InterruptedException {
    long least = Long.MAX_VALUE;
    for (int look = 0; look < 3; look++) {
      System.gc();
      Thread.sleep(200);
      MALLOC_TRIM.invokeInt(new Object[] {0});
      least = Math.min(least, rss());
    }
    return least;
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("/proc/self/status has no VmRSS line");
  }
}
