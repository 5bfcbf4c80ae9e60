package io.clipserve.client;

import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.Embedding;
import java.util.ArrayList;
import java.util.List;

/**
 * The embeddings of one embed call, in the order of its inputs.
 *
 * <p>The lists are unmodifiable; each {@code float[]} is created for this result alone, so a
 * caller may keep or modify it, but must not share a modified result between threads without
 * synchronisation. Otherwise immutable.
 *
 * @param model the model that answered
 * @param modelVersion the version that answered (never 0)
 * @param vectors one vector per input, {@code embedding_dim} floats each
 * @param truncated per input: true when the text was longer than the model's context and was cut
 */
public record EmbeddingResult(String model, long modelVersion, List<float[]> vectors,
    List<Boolean> truncated) {

  /** Copies the lists and checks they pair up. */
  public EmbeddingResult {
    vectors = List.copyOf(vectors);
    truncated = List.copyOf(truncated);
    if (vectors.size() != truncated.size()) {
      throw new IllegalArgumentException(
          vectors.size() + " vectors but " + truncated.size() + " truncated flags");
    }
  }

  /** Converts a response, reading the packed floats without boxing them one by one. */
  static EmbeddingResult from(EmbedResponse response) {
    List<float[]> vectors = new ArrayList<>(response.getEmbeddingsCount());
    List<Boolean> truncated = new ArrayList<>(response.getEmbeddingsCount());
    for (Embedding embedding : response.getEmbeddingsList()) {
      float[] values = new float[embedding.getValuesCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = embedding.getValues(i);
      }
      vectors.add(values);
      truncated.add(embedding.getTruncated());
    }
    return new EmbeddingResult(response.getModel(), response.getModelVersion(), vectors, truncated);
  }

  /** The number of embeddings (equal to the number of inputs). */
  public int size() {
    return vectors.size();
  }

  /** The vector of input {@code index}. */
  public float[] vector(int index) {
    return vectors.get(index);
  }

  /** Whether the text of input {@code index} was cut to the model's context length. */
  public boolean truncated(int index) {
    return truncated.get(index);
  }
}
