package io.clipserve.server.inference;

import com.google.protobuf.ProtocolStringList;
import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.batching.Reservation;
import io.clipserve.server.pipeline.TextPipeline;
import io.clipserve.server.registry.ModelRegistry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Classify: images scored against labels, each label embedded as
 * normalise(mean over templates of normalise(embed(template with "{}" replaced by the label))),
 * cached per model version and template set. The prompts are checked against
 * {@link RequestLimits} from their sizes before any is built, and the labels the cache misses are
 * admitted to the text queue together or not at all. Thread-safe.
 */
@Singleton
public final class Classifier {
  private final ModelRegistry registry;
  private final RequestLimits limits;

  public Classifier(ModelRegistry registry, RequestLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  public CompletableFuture<ClassifyResponse> classify(ClassifyRequest request, CallScope scope) {
    if (request.getLabelsCount() == 0) {
      throw ServingException.invalidArgument("labels is empty");
    }
    ScoreTable.checkTopK(request.getTopK());
    limits.checkTexts("labels", request.getLabelsList());
    limits.checkTexts("templates", request.getTemplatesList());
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      TextPipeline text = version.requireText();
      ProtocolStringList templates = request.getTemplatesCount() > 0 ? request.getTemplatesList()
          : version.config().getZeroShotTemplatesList();
      if (templates.isEmpty()) {
        throw ServingException.invalidArgument("templates is empty");
      }
      limits.checkPrompts(request.getLabelsList(), templates);
      RequestScope images = new RequestScope(scope);
      var encodedImages = InputEncoder.encode(version, request.getImagesList(), "images", false,
          images, limits);
      List<CompletableFuture<float[]>> labels;
      try {
        labels = version.labels().getAll(templates, request.getLabelsList(),
            missed -> embedLabels(text, templates, missed));
      } catch (Throwable e) {
        images.failed(e);
        throw e;
      }
      return encodedImages.thenCombine(
          CompletableFuture.allOf(labels.toArray(CompletableFuture[]::new)),
          (encoded, done) -> ClassifyResponse.newBuilder()
              .setModel(version.name())
              .setModelVersion(version.version())
              .addAllRows(ScoreTable.rows(SimilarityScorer.ids(request.getImagesList()),
                  SimilarityScorer.vectors(encoded), request.getLabelsList(),
                  labels.stream().map(CompletableFuture::join).toList(),
                  version.config().getLogitScale(), request.getTopK()))
              .build());
    });
  }

  /**
   * The embeddings of labels the cache does not hold, their prompts admitted to the text queue in
   * one reservation (refused whole when they do not fit). Not tied to the request's call: the
   * cached results may serve other requests.
   */
  private static List<CompletableFuture<float[]>> embedLabels(TextPipeline text,
      List<String> templates, List<String> missed) {
    Reservation room = text.batcher().reserve(missed.size() * templates.size());
    boolean normalize = !text.outputNormalized();
    List<CompletableFuture<float[]>> labels = new ArrayList<>(missed.size());
    try {
      for (String label : missed) {
        List<CompletableFuture<float[]>> prompts = new ArrayList<>(templates.size());
        for (String template : templates) {
          prompts.add(text.encode(text.tokenize(template.replace("{}", label)), room,
              CallScope.NONE).thenApply(v -> normalize ? Vectors.normalize(v) : v));
        }
        labels.add(CompletableFuture.allOf(prompts.toArray(CompletableFuture[]::new))
            .thenApply(done -> Vectors.normalize(Vectors.mean(
                prompts.stream().map(CompletableFuture::join).toList()))));
      }
    } finally {
      CompletableFuture.allOf(labels.toArray(CompletableFuture[]::new))
          .whenComplete((done, error) -> room.close());
    }
    return labels;
  }
}
