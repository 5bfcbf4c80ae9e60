package io.clipserve.server.inference;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.registry.LoadedVersion;
import io.clipserve.server.registry.ModelRegistry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Classify: images scored against labels, each label embedded as
 * normalise(mean over templates of normalise(embed(template with "{}" replaced by the label))),
 * cached per model version and template set. Thread-safe.
 */
@Singleton
public final class Classifier {
  private final ModelRegistry registry;

  public Classifier(ModelRegistry registry) {
    this.registry = registry;
  }

  public CompletableFuture<ClassifyResponse> classify(ClassifyRequest request, CallScope scope) {
    if (request.getLabelsCount() == 0) {
      throw ServingException.invalidArgument("labels is empty");
    }
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      version.requireText();
      List<String> templates = request.getTemplatesCount() > 0 ? request.getTemplatesList()
          : version.config().getZeroShotTemplatesList();
      var images = InputEncoder.encode(version, request.getImagesList(), "images", false, scope);
      List<CompletableFuture<float[]>> labels = new ArrayList<>();
      for (String label : request.getLabelsList()) {
        labels.add(version.labels().get(templates, label, () -> embedLabel(version, templates, label)));
      }
      return images.thenCombine(CompletableFuture.allOf(labels.toArray(CompletableFuture[]::new)),
          (encodedImages, done) -> ClassifyResponse.newBuilder()
              .setModel(version.name())
              .setModelVersion(version.version())
              .addAllRows(ScoreTable.rows(SimilarityScorer.ids(request.getImagesList()),
                  SimilarityScorer.vectors(encodedImages), request.getLabelsList(),
                  labels.stream().map(CompletableFuture::join).toList(),
                  version.config().getLogitScale(), request.getTopK()))
              .build());
    });
  }

  /** Not tied to the request's call: the cached result may serve other requests. */
  private static CompletableFuture<float[]> embedLabel(LoadedVersion version, List<String> templates,
      String label) {
    List<Input> prompts = templates.stream()
        .map(t -> Input.newBuilder().setText(t.replace("{}", label)).build()).toList();
    return InputEncoder.encode(version, prompts, "templates", false, CallScope.NONE)
        .thenApply(encoded -> Vectors.normalize(Vectors.mean(SimilarityScorer.vectors(encoded))));
  }
}
