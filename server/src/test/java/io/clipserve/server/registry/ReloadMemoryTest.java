package io.clipserve.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.ModelServiceGrpc;
import io.clipserve.proto.v1.UnloadModelRequest;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether unloading gives native memory back: the real server on the bundled tiny model, unloaded
 * and loaded again by RPC (one request per load, so sessions and batchers run) for
 * {@code clipserve.reload-memory.cycles} cycles after a warm-up cycle; prints the process RSS
 * (VmRSS) before and after and expects it within 10%. A measurement, not part of the suite: run it
 * through tools/reload_memory.sh, which fixes and pre-touches the heap so RSS growth is native.
 */
@EnabledIfSystemProperty(named = "clipserve.reload-memory.cycles", matches = "[0-9]+")
class ReloadMemoryTest {
  private static final String MODEL = TestRepository.TINY;

  @TempDir
  Path repository;

  @Test
  void loadUnloadCyclesGiveNativeMemoryBack() throws Exception {
    int cycles = Integer.getInteger("clipserve.reload-memory.cycles");
    new TestRepository(repository).addTiny(MODEL, c -> c);
    try (TestServer server = TestServer.start(repository)) {
      var models = ModelServiceGrpc.newBlockingStub(server.channel());
      var embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
      cycle(models, embedding);
      long start = settledRss();
      long startMillis = System.currentTimeMillis();
      for (int i = 0; i < cycles; i++) {
        cycle(models, embedding);
      }
      long end = settledRss();
      System.out.printf("reload memory: %d load/unload cycles in %.1f s; VmRSS after warm-up %d MiB, "
          + "after the cycles %d MiB (%+.1f%%)%n", cycles, (System.currentTimeMillis() - startMillis) / 1e3,
          start / 1024, end / 1024, 100.0 * (end - start) / start);
      assertThat(end).isLessThanOrEqualTo(start + start / 10);
    }
  }

  private static void cycle(ModelServiceGrpc.ModelServiceBlockingStub models,
      EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding) {
    models.unloadModel(UnloadModelRequest.newBuilder().setName(MODEL).build());
    models.loadModel(LoadModelRequest.newBuilder().setName(MODEL).build());
    embedding.embed(EmbedRequest.newBuilder().setModel(MODEL)
        .addInputs(Input.newBuilder().setText("一只猫"))
        .addInputs(Input.newBuilder().setText("a dog")).build());
  }

  /**
   * VmRSS in KiB once retired versions are closed (the closer runs in the background). No GC is
   * asked for: what a version holds must be freed when it closes, not whenever a collection runs.
   */
  private static long settledRss() throws IOException, InterruptedException {
    Thread.sleep(1_000);
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }
}
