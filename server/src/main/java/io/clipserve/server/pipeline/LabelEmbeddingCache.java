package io.clipserve.server.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Classify's label embeddings of one model version, per (template set, label), least recently
 * used first out. A hit runs no text inference; concurrent misses for one key share one
 * computation. A failed computation is not kept. Thread-safe.
 */
public final class LabelEmbeddingCache {
  private final Map<Key, CompletableFuture<float[]>> entries;

  public LabelEmbeddingCache(int capacity) {
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<float[]>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The cached embedding of {@code label} under {@code templates}, computing it on a miss. */
  public CompletableFuture<float[]> get(List<String> templates, String label,
      Supplier<CompletableFuture<float[]>> compute) {
    Key key = new Key(List.copyOf(templates), label);
    CompletableFuture<float[]> future;
    boolean miss;
    synchronized (entries) {
      future = entries.get(key);
      miss = future == null;
      if (miss) {
        future = new CompletableFuture<>();
        entries.put(key, future);
      }
    }
    if (miss) {
      CompletableFuture<float[]> mine = future;
      CompletableFuture<float[]> computed;
      try {
        computed = compute.get();
      } catch (RuntimeException e) {
        computed = CompletableFuture.failedFuture(e);
      }
      computed.whenComplete((value, error) -> {
        if (error != null) {
          synchronized (entries) {
            entries.remove(key, mine);
          }
          mine.completeExceptionally(error);
        } else {
          mine.complete(value);
        }
      });
    }
    return future;
  }

  /** Entries held. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private record Key(List<String> templates, String label) {}
}
