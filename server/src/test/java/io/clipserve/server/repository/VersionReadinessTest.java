package io.clipserve.server.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.TextEncoderConfig;
import io.clipserve.proto.v1.TokenizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a version directory counts as completely copied: files present, stability window, marker. */
class VersionReadinessTest {
  private static final long WINDOW = 2_000;
  private static final ModelConfig CONFIG = ModelConfig.newBuilder().setName("m")
      .setImageEncoder(ImageEncoderConfig.newBuilder().setFile("image.onnx"))
      .setTextEncoder(TextEncoderConfig.newBuilder().setFile("text.onnx")
          .setTokenizer(TokenizerConfig.newBuilder().setFile("vocab.txt")))
      .build();

  @TempDir
  Path model;
  Path version;
  final VersionReadiness readiness = new VersionReadiness(WINDOW);

  @BeforeEach
  void layout() throws Exception {
    version = Files.createDirectories(model.resolve("2"));
    write(model.resolve("config.pbtxt"), "name: \"m\"", 0);
    write(model.resolve("vocab.txt"), "[PAD]", 0);
  }

  /** Writes a file whose modification time is {@code millis}. */
  private static void write(Path file, String text, long millis) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
  }

  @Test
  void aFileTheConfigNamesIsMissing() throws Exception {
    write(version.resolve("image.onnx"), "image", 0);
    Readiness r = readiness.check(model, CONFIG, 2, 100_000);
    assertThat(r.kind()).isEqualTo(Readiness.Kind.INCOMPLETE);
    assertThat(r.reason()).startsWith("waiting for files to be complete").contains("2/text.onnx missing");
  }

  @Test
  void filesUnchangedForTheWindowAreComplete() throws Exception {
    write(version.resolve("image.onnx"), "image", 99_000);
    write(version.resolve("text.onnx"), "half", 99_500);
    Readiness first = readiness.check(model, CONFIG, 2, 100_000);
    assertThat(first.kind()).isEqualTo(Readiness.Kind.SETTLING);
    assertThat(first.reason()).startsWith("waiting for files to be complete (stability window");
    assertThat(first.recheckInMillis()).isEqualTo(1_500);
    // Still being written: the window starts again.
    write(version.resolve("text.onnx"), "half and more", 101_000);
    assertThat(readiness.check(model, CONFIG, 2, 101_200).kind()).isEqualTo(Readiness.Kind.SETTLING);
    assertThat(readiness.check(model, CONFIG, 2, 102_900).kind()).isEqualTo(Readiness.Kind.SETTLING);
    assertThat(readiness.check(model, CONFIG, 2, 103_000).isComplete()).isTrue();
  }

  @Test
  void aQuietFingerprintSettlesEvenWithModificationTimesInTheFuture() throws Exception {
    write(version.resolve("image.onnx"), "image", 500_000);
    write(version.resolve("text.onnx"), "text", 500_000);
    assertThat(readiness.check(model, CONFIG, 2, 100_000).kind()).isEqualTo(Readiness.Kind.SETTLING);
    assertThat(readiness.check(model, CONFIG, 2, 101_999).kind()).isEqualTo(Readiness.Kind.SETTLING);
    assertThat(readiness.check(model, CONFIG, 2, 102_000).isComplete()).isTrue();
  }

  @Test
  void filesAlreadyOldAreCompleteAtTheFirstLook() throws Exception {
    write(version.resolve("image.onnx"), "image", 0);
    write(version.resolve("text.onnx"), "text", 0);
    assertThat(readiness.check(model, CONFIG, 2, 100_000).isComplete()).isTrue();
  }

  @Test
  void theReadyMarkerSkipsTheWindowButNotMissingFiles() throws Exception {
    write(version.resolve("image.onnx"), "image", 100_000);
    write(version.resolve(VersionReadiness.MARKER), "", 100_000);
    assertThat(readiness.check(model, CONFIG, 2, 100_000).kind()).isEqualTo(Readiness.Kind.INCOMPLETE);
    write(version.resolve("text.onnx"), "text", 100_000);
    assertThat(readiness.check(model, CONFIG, 2, 100_000).isComplete()).isTrue();
  }

  @Test
  void fingerprintsChangeWithTheConfigAndAnyVersionFile() throws Exception {
    write(version.resolve("image.onnx"), "image", 0);
    VersionFingerprint before = VersionFingerprint.of(model, 2);
    assertThat(VersionFingerprint.of(model, 2)).isEqualTo(before);
    write(model.resolve("config.pbtxt"), "name: \"m\" ", 0);
    VersionFingerprint configEdited = VersionFingerprint.of(model, 2);
    assertThat(configEdited).isNotEqualTo(before);
    write(version.resolve("image.onnx"), "image", 1);
    assertThat(VersionFingerprint.of(model, 2)).isNotEqualTo(configEdited);
    assertThat(configEdited.files()).containsKeys("config.pbtxt", "vocab.txt", "2/image.onnx");
  }

  @Test
  void theServersOwnDotFileCachesAreNoChangeOfTheVersion() throws Exception {
    write(version.resolve("image.onnx"), "image", 0);
    VersionFingerprint before = VersionFingerprint.of(model, 2);
    write(version.resolve(".image.tesla-t4.trt10.15.1.b1-1-1.plan"), "engine", 5_000);
    assertThat(VersionFingerprint.of(model, 2)).isEqualTo(before);
    write(version.resolve("image.onnx"), "image v2", 6_000);
    assertThat(VersionFingerprint.of(model, 2)).isNotEqualTo(before);
  }
}
