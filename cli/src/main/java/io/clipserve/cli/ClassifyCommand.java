package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code classify}: zero-shot classification of images over the given labels. */
@Command(name = "classify", description = "Zero-shot classifies images over the given labels.")
final class ClassifyCommand extends ClientCommand {

  @Mixin
  private JsonOption output;

  @Mixin
  private ModelOptions model;

  @Option(names = "--image", required = true, paramLabel = "PATH",
      description = "An image file to classify (repeatable).")
  private List<Path> images;

  @Option(names = "--label", required = true, paramLabel = "LABEL",
      description = "A class label (repeatable).")
  private List<String> labels;

  @Option(names = "--template", paramLabel = "TEMPLATE",
      description = "A prompt template, {} standing for the label"
          + " (repeatable; default: the model's).")
  private List<String> templates = new ArrayList<>();

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
      description = "The K most likely labels per image (default: 0, all).")
  private int topK;

  @Override
  protected void run(ClipServeClient client, PrintWriter out) {
    List<CliInput> inputs = images.stream().map(CliInput::image).toList();
    ClassifyResponse response = client.classify(ClassifyRequest.newBuilder()
        .setModel(model.resolve(client))
        .setModelVersion(model.version())
        .addAllImages(CliInput.messages(inputs))
        .addAllLabels(labels)
        .addAllTemplates(templates)
        .setTopK(topK)
        .build());
    if (output.json()) {
      out.println(Json.of(response));
    } else {
      RankingPrinter.print(out, response.getModel(), response.getModelVersion(),
          response.getRowsList(), CliInput.labels(inputs), labels);
    }
  }
}
