package io.clipserve.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.proto.v1.VersionInfo;
import io.clipserve.proto.v1.VersionInfo.State;
import io.clipserve.server.testing.Eventually;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.clipserve.server.testing.VersionFiles;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators replacing a model under load: 4 clients embed without pause while version 2 is copied
 * in slowly, a corrupt version 3 is dropped in, and version 2 is unloaded and loaded again by RPC.
 * No request fails; responses move from version 1 to 2 only once version 2 is complete; version 3
 * is FAILED while 2 serves. The real poller runs (1 s) with a 500 ms stability window.
 */
class HotReloadScenarioTest {
  private static final String MODEL = "live";
  private static final int CLIENTS = 4;

  @TempDir
  Path repository;
  TestServer server;
  ModelServiceGrpc.ModelServiceBlockingStub models;
  final AtomicBoolean running = new AtomicBoolean(true);
  /** {nanoTime when answered, model_version}, from every client. */
  final Queue<long[]> answers = new ConcurrentLinkedQueue<>();
  final Queue<String> failures = new ConcurrentLinkedQueue<>();

  @Test
  void replacingVersionsUnderLoadFailsNoRequest() throws Exception {
    new TestRepository(repository).addTiny(MODEL, c -> c);
    Path model = repository.resolve(MODEL);
    VersionFiles.age(model);
    server = TestServer.start(repository, Map.of("clipserve.poll-seconds", 1,
        "clipserve.repository.stability-ms", 500));
    models = ModelServiceGrpc.newBlockingStub(server.channel());
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Thread client = new Thread(this::embedWithoutPause, "client-" + i);
      client.start();
      clients.add(client);
    }
    try {
      Eventually.await("first answers", () -> answers.size() > 20);

      boolean sawWaiting = copySlowly(model);
      long completedAt = System.nanoTime();
      assertThat(sawWaiting).as("version 2 shown as waiting while it was copied").isTrue();
      awaitState(2, State.READY);
      awaitAnswersFrom(2);
      assertThat(answers).as("no answer from version 2 before it was complete")
          .noneMatch(a -> a[1] == 2 && a[0] < completedAt);
      assertThat(version(1).getReason()).isEqualTo("not served by the version policy");

      VersionFiles.corrupt(model, 3);
      awaitState(3, State.FAILED);
      VersionInfo failed = version(3);
      assertThat(failed.getReason()).contains("ONNX Runtime cannot load it");
      assertThat(version(2).getState()).isEqualTo(State.READY);
      Thread.sleep(2_500);
      assertThat(version(3)).as("not retried while its files are unchanged").isEqualTo(failed);
      awaitAnswersFrom(2);

      models.unloadModel(UnloadModelRequest.newBuilder().setName(MODEL).setVersion(2).build());
      assertThat(version(1).getState()).isEqualTo(State.READY);
      assertThat(version(2).getReason()).isEqualTo("unloaded on request");
      awaitAnswersFrom(1);
      Thread.sleep(1_500);
      assertThat(version(2).getState()).as("the poller leaves it unloaded").isEqualTo(State.UNAVAILABLE);

      models.loadModel(LoadModelRequest.newBuilder().setName(MODEL).setVersion(2).build());
      assertThat(version(2).getState()).isEqualTo(State.READY);
      assertThat(version(3).getState()).isEqualTo(State.FAILED);
      awaitAnswersFrom(2);
    } finally {
      running.set(false);
      for (Thread client : clients) {
        client.join();
      }
      server.close();
    }
    assertThat(failures).as("failed requests").isEmpty();
    Map<Long, Long> perVersion = answers.stream().collect(Collectors.groupingBy(a -> a[1], Collectors.counting()));
    System.out.println("hot reload scenario: answers per version " + perVersion);
    assertThat(perVersion).containsOnlyKeys(1L, 2L);
  }

  private void embedWithoutPause() {
    var stub = EmbeddingServiceGrpc.newBlockingStub(server.channel());
    EmbedRequest request = EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Input.newBuilder().setText("一只在草地上奔跑的小狗")).build();
    while (running.get()) {
      try {
        long version = stub.withDeadlineAfter(10, TimeUnit.SECONDS).embed(request).getModelVersion();
        answers.add(new long[] {System.nanoTime(), version});
      } catch (RuntimeException e) {
        failures.add(e.toString());
      }
    }
  }

  /**
   * Copies version 2 in place the slow way: text.onnx whole, then image.onnx half, then the rest in
   * small pieces every 150 ms (under the 500 ms window) for about two seconds.
   */
  private boolean copySlowly(Path model) throws Exception {
    Path version = Files.createDirectories(model.resolve("2"));
    Files.copy(model.resolve("1/text.onnx"), version.resolve("text.onnx"));
    byte[] image = Files.readAllBytes(model.resolve("1/image.onnx"));
    int half = image.length / 2;
    int piece = (image.length - half) / 14 + 1;
    boolean sawWaiting = false;
    try (OutputStream out = Files.newOutputStream(version.resolve("image.onnx"))) {
      out.write(image, 0, half);
      out.flush();
      for (int at = half; at < image.length; at += piece) {
        Thread.sleep(150);
        out.write(image, at, Math.min(piece, image.length - at));
        out.flush();
        VersionInfo v2 = versions().get(2L);
        assertThat(v2 == null || v2.getState() != State.READY).as("version 2 READY while half-written").isTrue();
        sawWaiting |= v2 != null && v2.getState() == State.UNAVAILABLE
            && v2.getReason().startsWith("waiting for files to be complete (stability window");
      }
    }
    return sawWaiting;
  }

  private Map<Long, VersionInfo> versions() {
    return models.getModel(GetModelRequest.newBuilder().setName(MODEL).build()).getVersionsList().stream()
        .collect(Collectors.toMap(VersionInfo::getVersion, v -> v));
  }

  private VersionInfo version(long version) {
    return versions().get(version);
  }

  private void awaitState(long version, State state) {
    Eventually.await("version " + version + " " + state, () -> {
      VersionInfo v = versions().get(version);
      return v != null && v.getState() == state;
    });
  }

  /** Waits until every client's latest answers come from {@code version}. */
  private void awaitAnswersFrom(long version) {
    long since = System.nanoTime();
    Eventually.await("answers from version " + version, Duration.ofSeconds(20), () -> { }, () -> {
      List<long[]> recent = answers.stream().filter(a -> a[0] > since).toList();
      return recent.size() >= 4 * CLIENTS
          && recent.subList(recent.size() - 2 * CLIENTS, recent.size()).stream().allMatch(a -> a[1] == version);
    });
  }
}
