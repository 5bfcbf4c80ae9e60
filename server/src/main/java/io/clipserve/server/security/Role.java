package io.clipserve.server.security;

/** What a call needs: inference (and read-only model calls) or model management. */
public enum Role {
  /** Embed, Similarity, Classify, Tokenize, ListModels, GetModel, GetStatistics, /metrics. */
  INFERENCE,
  /** LoadModel and UnloadModel. */
  ADMIN
}
