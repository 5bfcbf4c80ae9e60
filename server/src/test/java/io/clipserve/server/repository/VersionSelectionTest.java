package io.clipserve.server.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipserve.proto.v1.VersionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionSelectionTest {
  @TempDir
  Path model;

  @Test
  void onlyPositiveIntegerDirectoriesAreVersions() throws Exception {
    for (String name : List.of("1", "2", "10", "2.tmp", "03", "0", "staging", "-1")) {
      Files.createDirectories(model.resolve(name));
    }
    Files.writeString(model.resolve("7"), "a file, not a directory");
    assertThat(VersionDirectories.list(model)).containsExactly(1L, 2L, 10L);
  }

  @Test
  void policiesSelectAsTriton() {
    SortedSet<Long> available = new TreeSet<>(List.of(1L, 2L, 3L, 5L));
    assertThat(VersionPolicies.select(VersionPolicy.newBuilder()
        .setLatest(VersionPolicy.Latest.newBuilder().setNumVersions(2)).build(), available))
        .containsExactly(3L, 5L);
    assertThat(VersionPolicies.select(VersionPolicy.newBuilder()
        .setLatest(VersionPolicy.Latest.getDefaultInstance()).build(), available)).containsExactly(5L);
    assertThat(VersionPolicies.select(VersionPolicy.newBuilder()
        .setAll(VersionPolicy.All.getDefaultInstance()).build(), available)).containsExactly(1L, 2L, 3L, 5L);
    assertThat(VersionPolicies.select(VersionPolicy.newBuilder()
        .setSpecific(VersionPolicy.Specific.newBuilder().addVersions(2).addVersions(4)).build(), available))
        .containsExactly(2L);
  }

  @Test
  void modelNamesAreNeverPaths() {
    assertThat(ModelNames.isValid("cn-clip_vit.b-16")).isTrue();
    for (String bad : List.of("", "..", "../etc", "a/b", "A", ".hidden", "a..b", "a\\b", "x".repeat(65))) {
      assertThat(ModelNames.isValid(bad)).as(bad).isFalse();
    }
  }
}
