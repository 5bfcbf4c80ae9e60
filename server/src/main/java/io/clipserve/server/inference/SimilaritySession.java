package io.clipserve.server.inference;

import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.server.ServingException;
import io.clipserve.server.batching.CallScope;
import io.clipserve.server.registry.ModelRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The state of one SimilarityStream: the candidates last sent, embedded once and reused for every
 * later message of the same model version (re-embedded if the model's version changes). Messages
 * must be handed over in arrival order from one thread at a time, as gRPC delivers them.
 */
public final class SimilaritySession {
  private final SimilarityScorer scorer;
  private final ModelRegistry registry;
  private final CallScope scope;
  private List<Input> candidateInputs = List.of();
  private String candidatesModel;
  private long candidatesVersion;
  private CompletableFuture<List<EncodedInput>> candidates;

  SimilaritySession(SimilarityScorer scorer, ModelRegistry registry, CallScope scope) {
    this.scorer = scorer;
    this.registry = registry;
    this.scope = scope;
  }

  public CompletableFuture<SimilarityResponse> score(SimilarityRequest request) {
    ScoreTable.checkTopK(request.getTopK());
    if (request.getCandidatesCount() > 0) {
      candidateInputs = request.getCandidatesList();
      candidates = null;
    } else if (candidateInputs.isEmpty()) {
      throw ServingException.invalidArgument("candidates is empty and none were sent earlier on this stream");
    }
    return VersionHolds.with(registry, request.getModel(), request.getModelVersion(), version -> {
      if (candidates == null || !version.name().equals(candidatesModel)
          || version.version() != candidatesVersion) {
        candidates = scorer.encodeCandidates(version, candidateInputs, scope);
        candidatesModel = version.name();
        candidatesVersion = version.version();
      }
      return scorer.score(version, request, candidateInputs, candidates, scope);
    });
  }
}
