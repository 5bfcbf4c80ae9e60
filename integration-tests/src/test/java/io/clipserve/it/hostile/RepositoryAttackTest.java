package io.clipserve.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.Inputs;
import io.clipserve.it.RealServer;
import io.clipserve.it.SharedServer;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks through the repository and through image bytes, each under {@link AttackFixture}'s
 * load: model directories and configs linked out of the repository, a 114 MB config, a config
 * replaced over and over, invalid tokenizer files, and images from the fuzz corpus, mutated.
 * Polling is off on the shared server: each attack looks at the repository itself, many times.
 */
@ExtendWith(SharedServer.class)
class RepositoryAttackTest {
  static final String OUTSIDE_SECRET = "outside_secret_token";
  static final Path FUZZ_IMAGES = RealServer.ROOT
      .resolve("fuzz/src/test/resources/io/clipserve/fuzz/ImageDecoderFuzzTestInputs");
  static final String OUTSIDE =
      ": resolves outside the model repository; symlinks may point only inside it";
  /** Looks at the repository per attack: what a poll every second would do in this many seconds. */
  static final int LOOKS = 30;

  RealServer server;
  ClipServeClient client;
  AttackFixture fixture;
  final List<Path> added = new ArrayList<>();

  @BeforeEach
  void connect(RealServer server) {
    this.server = server;
    this.client = server.client();
    this.fixture = new AttackFixture(server);
  }

  @AfterEach
  void removeWhatWasAdded() throws IOException {
    for (Path path : added) {
      RealServer.delete(path);
    }
    server.poll();
    for (Path path : added) {
      String name = path.getFileName().toString();
      AttackFixture.await(name + " forgotten", () -> !isKnown(name));
    }
  }

  @Test
  void linksOutOfTheRepositoryAreNotFollowed(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret.pbtxt"), OUTSIDE_SECRET + " { }\n");
    Path linkedModel = outside.resolve("linked-dir");
    RealServer.copyTree(RealServer.MODEL_DIR, linkedModel);
    rename(linkedModel.resolve("config.pbtxt"), "linked-dir");
    added(Files.createSymbolicLink(server.repository().resolve("linked-dir"), linkedModel));
    Path linkedConfig =
        added(Files.createDirectories(server.repository().resolve("linked-config")));
    Files.createSymbolicLink(linkedConfig.resolve("config.pbtxt"), outside.resolve("secret.pbtxt"));

    fixture.survive("model directory and config.pbtxt linked out of the repository",
        () -> look("linked-dir", "linked-config"));
    for (String name : List.of("linked-dir", "linked-config")) {
      ModelInfo info = client.getModel(name);
      assertThat(info.getVersionsList()).as(name).isEmpty();
      assertThat(info.getReason()).doesNotContain(OUTSIDE_SECRET).doesNotContain(outside.toString())
          .doesNotContain(server.repository().toString());
    }
    assertThat(client.getModel("linked-dir").getReason())
        .isEqualTo("linked-dir" + OUTSIDE);
    assertThat(client.getModel("linked-config").getReason())
        .isEqualTo("linked-config/config.pbtxt" + OUTSIDE);
  }

  @Test
  void aHugeConfigIsRefusedUnreadOnEveryLook() throws Exception {
    Path model = added(Files.createDirectories(server.repository().resolve("huge-config")));
    try (RandomAccessFile config =
        new RandomAccessFile(model.resolve("config.pbtxt").toFile(), "rw")) {
      config.setLength(114L * 1024 * 1024); // sparse: 114 MB of size, no disk
    }
    List<Long> answerMillis = fixture.survive("a 114 MB config.pbtxt", () -> {
      List<Long> millis = new ArrayList<>();
      for (int look = 0; look < LOOKS; look++) {
        server.poll();
        long start = System.nanoTime();
        client.loadModel("huge-config", 0);
        millis.add((System.nanoTime() - start) / 1_000_000);
      }
      return millis;
    });
    assertThat(client.getModel("huge-config").getReason())
        .isEqualTo("huge-config/config.pbtxt: is " + 114L * 1024 * 1024
            + " bytes, over clipserve.repository.max-config-bytes (1048576); not parsed");
    // Generous: the refusal is a stat; parsing the file took seconds per look before.
    assertThat(answerMillis).allSatisfy(ms -> assertThat(ms).isLessThan(2000));
  }

  @Test
  void aConfigReplacedOverAndOverLeavesTheModelServingOnceItSettles() throws Exception {
    Path model = added(server.repository().resolve("churn"));
    RealServer.copyTree(RealServer.MODEL_DIR, model);
    rename(model.resolve("config.pbtxt"), "churn");
    String good = Files.readString(model.resolve("config.pbtxt"));
    List<String> variants = List.of(good, good + "\nbogus_field: 1\n", "name: \"churn\"",
        good.replace("embedding_dim: 64", "embedding_dim: -1"), "#" + "x".repeat(2 * 1024 * 1024));
    fixture.survive("config.pbtxt replaced 150 times", () -> {
      for (int change = 0; change < 150; change++) {
        Path next = model.resolve(".config.next");
        Files.writeString(next, variants.get(change % variants.size()));
        Files.move(next, model.resolve("config.pbtxt"), StandardCopyOption.ATOMIC_MOVE);
        server.poll();
      }
      return null;
    });
    Path next = model.resolve(".config.next");
    Files.writeString(next, good);
    Files.move(next, model.resolve("config.pbtxt"), StandardCopyOption.ATOMIC_MOVE);
    ModelInfo info = client.loadModel("churn", 0);
    assertThat(info.getReason()).isEmpty();
    assertThat(info.getVersionsList()).extracting(VersionInfo::getState)
        .containsExactly(VersionInfo.State.READY);
    EmbedRequest request =
        EmbedRequest.newBuilder().setModel("churn").addInputs(Inputs.text("猫")).build();
    assertThat(client.embed(request).vectors()).hasSize(1);
  }

  @Test
  void invalidTokenizerFilesFailTheirVersionNamingTheFile() throws Exception {
    Path vocab = added(server.repository().resolve("bad-vocab"));
    RealServer.copyTree(RealServer.MODEL_DIR, vocab);
    rename(vocab.resolve("config.pbtxt"), "bad-vocab");
    Files.write(vocab.resolve("vocab.txt"),
        new byte[] {(byte) 0xff, (byte) 0xfe, 0, '[', 'C', (byte) 0xc3});
    Path json = added(server.repository().resolve("bad-tokenizer-json"));
    RealServer.copyTree(RealServer.MODEL_DIR, json);
    rename(json.resolve("config.pbtxt"), "bad-tokenizer-json");
    Path config = json.resolve("config.pbtxt");
    Files.writeString(config, Files.readString(config)
        .replace("kind: BERT_WORDPIECE\n    file: \"vocab.txt\"",
            "kind: HF_TOKENIZER_JSON\n    file: \"tokenizer.json\""));
    Files.writeString(json.resolve("tokenizer.json"),
        "{\"model\": {\"type\": \"BPE\", \"vocab\": 7");

    fixture.survive("invalid vocab.txt and tokenizer.json",
        () -> look("bad-vocab", "bad-tokenizer-json"));
    assertThat(failedReason("bad-vocab"))
        .startsWith("bad-vocab/vocab.txt: the tokenizer cannot be loaded");
    assertThat(failedReason("bad-tokenizer-json"))
        .startsWith("bad-tokenizer-json/tokenizer.json: the tokenizer cannot be loaded")
        .doesNotContain(server.repository().toString());
  }

  @Test
  void garbageImagesFromTheFuzzCorpusAreRefusedAsInvalidArguments() throws Exception {
    List<byte[]> corpus = new ArrayList<>();
    try (Stream<Path> files = Files.walk(FUZZ_IMAGES)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        corpus.add(Files.readAllBytes(file));
      }
    }
    // The corpus as it is first, as ordinary traffic: every format's decoder is warm (classes,
    // JIT) before memory is measured, so what the mutations add is what is measured.
    assertThat(embedEach(corpus).keySet()).as("the fuzz corpus unmutated")
        .containsOnly(Status.Code.OK, Status.Code.INVALID_ARGUMENT);
    Random random = new Random(14);
    List<byte[]> mutated = Stream.generate(() -> corpus.get(random.nextInt(corpus.size())))
        .limit(600).map(image -> mutate(image, random)).toList();
    Map<Status.Code, Integer> answers =
        fixture.survive("mutated images from the fuzz corpus", () -> embedEach(mutated));
    assertThat(answers.keySet()).as("status codes of mutated images: %s", answers)
        .containsOnly(Status.Code.OK, Status.Code.INVALID_ARGUMENT);
    assertThat(answers).containsKey(Status.Code.INVALID_ARGUMENT);
  }

  /** Embeds each image alone; counts the answers by status code. */
  private Map<Status.Code, Integer> embedEach(List<byte[]> images) {
    Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
    for (byte[] image : images) {
      Status.Code code;
      try {
        client.embed(EmbedRequest.newBuilder().setModel(RealServer.MODEL)
            .addInputs(Inputs.image(image)).build());
        code = Status.Code.OK;
      } catch (StatusRuntimeException e) {
        code = e.getStatus().getCode();
      }
      codes.merge(code, 1, Integer::sum);
    }
    return codes;
  }

  /** Flips, overwrites, truncates or splices a few bytes; the header stays mostly intact. */
  static byte[] mutate(byte[] original, Random random) {
    byte[] out = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        int at = random.nextInt(out.length);
        for (int i = at; i < Math.min(out.length, at + 16); i++) {
          out[i] = (byte) (random.nextBoolean() ? 0xff : 0x00);
        }
      }
      case 2 -> out = Arrays.copyOf(out, random.nextInt(out.length));
      default -> {
        int at = random.nextInt(out.length);
        byte[] tail = "garbage\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        out = Arrays.copyOf(out, at + tail.length);
        System.arraycopy(tail, 0, out, at, tail.length);
      }
    }
    return out;
  }

  /** {@value #LOOKS} polls, each followed by a LoadModel of each model (which reads it at once). */
  private Void look(String... models) {
    for (int look = 0; look < LOOKS; look++) {
      server.poll();
      for (String model : models) {
        client.loadModel(model, 0);
      }
    }
    return null;
  }

  private String failedReason(String model) {
    VersionInfo version = client.getModel(model).getVersions(0);
    assertThat(version.getState()).as(model).isEqualTo(VersionInfo.State.FAILED);
    return version.getReason();
  }

  private boolean isKnown(String name) {
    try {
      client.getModel(name);
      return true;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() != Status.Code.NOT_FOUND;
    }
  }

  private Path added(Path path) {
    added.add(path);
    return path;
  }

  private static void rename(Path config, String name) throws IOException {
    Files.writeString(config, Files.readString(config)
        .replace("name: \"" + RealServer.MODEL + "\"", "name: \"" + name + "\""));
  }
}
