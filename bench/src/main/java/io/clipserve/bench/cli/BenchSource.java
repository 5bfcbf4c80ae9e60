package io.clipserve.bench.cli;

import io.clipserve.bench.BenchInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What {@code bench} sends: the images of a directory or the lines of a text file, one of them. */
final class BenchSource {

  @Option(names = "--images", paramLabel = "DIR", required = true,
      description = "Send every .jpg/.jpeg/.png in DIR, cycled.")
  private Path images;

  @Option(names = "--texts", paramLabel = "FILE", required = true,
      description = "Send every non-blank line of FILE (UTF-8), cycled.")
  private Path texts;

  /** The directory or file given. */
  Path path() {
    return images != null ? images : texts;
  }

  /** The requests to send, {@code batchSize} items each, read from the files given. */
  BenchInputs inputs(String model, long version, int batchSize) {
    try {
      return images != null
          ? BenchInputs.images(images, model, version, batchSize)
          : BenchInputs.texts(texts, model, version, batchSize);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the inputs: " + e, e);
    }
  }
}
