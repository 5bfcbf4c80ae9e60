package io.clipserve.bench;

import io.clipserve.client.Inputs;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.Input;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The requests a benchmark sends: its inputs (image files or lines of text) cycled,
 * {@code batchSize} items per request, all built before the clock starts. Immutable and
 * thread-safe.
 */
public final class BenchInputs {
  private final List<Input> inputs;
  private final List<String> texts; // empty for images
  private final List<EmbedRequest> requests = new ArrayList<>();
  private final int batchSize;

  private BenchInputs(List<Input> inputs, List<String> texts, String model, long version,
      int batchSize) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("no inputs to send");
    }
    this.inputs = inputs;
    this.texts = texts;
    this.batchSize = batchSize;
    for (int first = 0; first < inputs.size(); first++) {
      EmbedRequest.Builder request =
          EmbedRequest.newBuilder().setModel(model).setModelVersion(version);
      for (int j = 0; j < batchSize; j++) {
        request.addInputs(inputs.get((first * batchSize + j) % inputs.size()));
      }
      requests.add(request.build());
    }
  }

  /** Every {@code .jpg}, {@code .jpeg} and {@code .png} file in {@code dir}, in name order. */
  public static BenchInputs images(Path dir, String model, long version, int batchSize)
      throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> isImage(p.getFileName().toString())).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no .jpg, .jpeg or .png file in " + dir);
    }
    return new BenchInputs(Inputs.images(files), List.of(), model, version, batchSize);
  }

  private static boolean isImage(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)");
  }

  /** Every non-blank line of {@code file} (UTF-8) as one text. */
  public static BenchInputs texts(Path file, String model, long version, int batchSize)
      throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).toList();
    return new BenchInputs(Inputs.texts(lines), lines, model, version, batchSize);
  }

  /** The {@code index}-th request of the cycle. */
  public EmbedRequest request(long index) {
    return requests.get((int) (index % requests.size()));
  }

  public int batchSize() {
    return batchSize;
  }

  public boolean isImages() {
    return texts.isEmpty();
  }

  /** The texts, for the baseline's token ids; empty for images. */
  public List<String> texts() {
    return texts;
  }

  /** How many distinct inputs there are. */
  public int size() {
    return inputs.size();
  }
}
