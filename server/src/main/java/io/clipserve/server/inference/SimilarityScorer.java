package io.clipserve.server.inference;

import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.registry.LoadedVersion;
import io.clipserve.server.registry.ModelRegistry;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Similarity: every query scored against every candidate. Thread-safe. */
@Singleton
public final class SimilarityScorer {
  private final ModelRegistry registry;
  private final RequestLimits limits;

  public SimilarityScorer(ModelRegistry registry, RequestLimits limits) {
    this.registry = registry;
    this.limits = limits;
  }

  public CompletableFuture<SimilarityResponse> score(SimilarityRequest request, CallScope scope) {
    ScoreTable.checkTopK(request.getTopK());
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      var candidates = encodeCandidates(version, request.getCandidatesList(), scope);
      return score(version, request, request.getCandidatesList(), candidates, scope);
    });
  }

  /** The state of one SimilarityStream whose messages run in {@code scope}. */
  public SimilaritySession session(CallScope scope) {
    return new SimilaritySession(this, registry, scope);
  }

  CompletableFuture<List<EncodedInput>> encodeCandidates(LoadedVersion version,
      List<Input> candidates, CallScope scope) {
    return InputEncoder.encode(version, candidates, "candidates", false, scope, limits);
  }

  /**
   * Scores the request's queries against candidates already being encoded (SimilarityStream keeps
   * a stream's candidates and passes them here for every message).
   */
  CompletableFuture<SimilarityResponse> score(LoadedVersion version, SimilarityRequest request,
      List<Input> candidateInputs, CompletableFuture<List<EncodedInput>> candidates, CallScope scope) {
    List<Input> queryInputs = request.getQueriesList();
    var queries = InputEncoder.encode(version, queryInputs, "queries", false, scope, limits);
    return queries.thenCombine(candidates, (q, c) -> SimilarityResponse.newBuilder()
        .setModel(version.name())
        .setModelVersion(version.version())
        .setRequestId(request.getRequestId())
        .addAllRows(ScoreTable.rows(ids(queryInputs), vectors(q), ids(candidateInputs), vectors(c),
            version.config().getLogitScale(), request.getTopK()))
        .build());
  }

  static List<String> ids(List<Input> inputs) {
    return inputs.stream().map(Input::getId).toList();
  }

  static List<float[]> vectors(List<EncodedInput> encoded) {
    return encoded.stream().map(EncodedInput::vector).toList();
  }
}
