package io.clipserve.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clipserve.server.repository.ConfigException;
import io.clipserve.server.repository.ModelConfigReader;
import io.clipserve.server.repository.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any bytes as a model's {@code config.pbtxt}, read by {@link ModelConfigReader} as the poller
 * reads it (text format, defaults, checks); the only documented failure is
 * {@link ConfigException}. A fresh reader per input, so that nothing is answered from the
 * previous parse.
 */
class ModelConfigFuzzTest {
  static final Path REPOSITORY = FuzzFixtures.scratch("config-fuzz");
  static final Path MODEL = REPOSITORY.resolve("m");

  static {
    try {
      Files.createDirectories(MODEL);
      Files.copy(FuzzFixtures.VOCAB, MODEL.resolve("vocab.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void read(byte[] config) {
    FuzzFixtures.write(MODEL.resolve(ModelConfigReader.CONFIG_FILE), config);
    try {
      new ModelConfigReader(new RepositoryFiles(REPOSITORY, 64 * 1024)).read(MODEL);
    } catch (ConfigException expected) {
      // The documented outcome of a config that cannot be used.
    }
  }
}
