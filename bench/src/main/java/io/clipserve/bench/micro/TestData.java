package io.clipserve.bench.micro;

import java.nio.file.Path;

/** Where the benchmarks find the test data: env CLIPSERVE_TESTDATA, else {@code testdata/}. */
final class TestData {
  private TestData() {}

  static Path dir() {
    String configured = System.getenv("CLIPSERVE_TESTDATA");
    return Path.of(configured != null ? configured : "testdata").toAbsolutePath();
  }
}
