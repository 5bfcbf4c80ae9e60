package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code similarity}: ranks the candidates for each query (texts or images on either side). */
@Command(name = "similarity",
    description = "Ranks the candidates for each query by cosine, logit and softmax probability.")
final class SimilarityCommand extends ClientCommand {

  @Mixin
  private JsonOption output;

  @Mixin
  private ModelOptions model;

  // Repeated exclusive groups keep texts and images in the order they were given.
  @ArgGroup(exclusive = true, multiplicity = "1..*")
  private List<Query> queries;

  @ArgGroup(exclusive = true, multiplicity = "1..*")
  private List<Candidate> candidates;

  @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
      description = "The best K candidates per query (default: 0, all).")
  private int topK;

  static final class Query {
    @Option(names = "--query-text", required = true, paramLabel = "TEXT",
        description = "A text query (repeatable).")
    private String text;

    @Option(names = "--query-image", required = true, paramLabel = "PATH",
        description = "An image file query (repeatable).")
    private Path image;
  }

  static final class Candidate {
    @Option(names = "--candidate-text", required = true, paramLabel = "TEXT",
        description = "A text candidate (repeatable).")
    private String text;

    @Option(names = "--candidate-image", required = true, paramLabel = "PATH",
        description = "An image file candidate (repeatable).")
    private Path image;
  }

  @Override
  protected void run(ClipServeClient client, PrintWriter out) {
    List<CliInput> q =
        queries.stream().map(query -> CliInput.either(query.text, query.image)).toList();
    List<CliInput> c =
        candidates.stream().map(cand -> CliInput.either(cand.text, cand.image)).toList();
    SimilarityResponse response = client.similarity(SimilarityRequest.newBuilder()
        .setModel(model.resolve(client))
        .setModelVersion(model.version())
        .addAllQueries(CliInput.messages(q))
        .addAllCandidates(CliInput.messages(c))
        .setTopK(topK)
        .build());
    if (output.json()) {
      out.println(Json.of(response));
    } else {
      RankingPrinter.print(out, response.getModel(), response.getModelVersion(),
          response.getRowsList(), CliInput.labels(q), CliInput.labels(c));
    }
  }
}
