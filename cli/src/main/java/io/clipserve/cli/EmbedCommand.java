package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.client.EmbeddingResult;
import io.clipserve.proto.v1.EmbedRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embed}: one vector per {@code --text} and {@code --image}, in command-line order. */
@Command(name = "embed", description = "Embeds texts and images: one vector per input, in order.")
final class EmbedCommand extends ClientCommand {

  @Mixin
  private JsonOption output;

  @Mixin
  private ModelOptions model;

  // A repeated exclusive group keeps --text and --image in the order they were given.
  @ArgGroup(exclusive = true, multiplicity = "1..*")
  private List<Item> items;

  @Option(names = "--raw", description = "The encoder's output as is, not L2-normalised.")
  private boolean raw;

  static final class Item {
    @Option(names = "--text", required = true, paramLabel = "TEXT",
        description = "A text to embed (repeatable).")
    private String text;

    @Option(names = "--image", required = true, paramLabel = "PATH",
        description = "An image file to embed (repeatable).")
    private Path image;
  }

  @Override
  protected void run(ClipServeClient client, PrintWriter out) {
    List<CliInput> inputs =
        items.stream().map(item -> CliInput.either(item.text, item.image)).toList();
    EmbeddingResult result = client.embed(EmbedRequest.newBuilder()
        .setModel(model.resolve(client))
        .setModelVersion(model.version())
        .setRaw(raw)
        .addAllInputs(CliInput.messages(inputs))
        .build());
    EmbeddingPrinter.print(out, result, CliInput.labels(inputs), output.json());
  }
}
