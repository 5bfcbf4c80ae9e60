package io.clipserve.server.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Classify's label embeddings of one model version, keyed by the SHA-256 digest of (template set,
 * label), so no prompt text is kept, and bounded by the heap its entries take
 * ({@code clipserve.limits.label-cache-bytes}); least recently used out first. A hit runs no text
 * inference; concurrent misses for one key share one computation. A failed computation is not
 * kept, and every caller waiting on it sees its failure, whatever was thrown (an Error included).
 * Thread-safe.
 */
public final class LabelEmbeddingCache {
  /** Heap of an entry besides its vector (map node, digest, future): an estimate. */
  static final int ENTRY_OVERHEAD_BYTES = 160;

  private final long capacityBytes;
  private final LinkedHashMap<Digest, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  public LabelEmbeddingCache(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /**
   * The embedding of each of {@code labels} under {@code templates}, in order. The labels not held
   * (nor being computed) are handed to {@code computeMisses} at once, which returns one future per
   * missed label, in the order given.
   */
  public List<CompletableFuture<float[]>> getAll(List<String> templates, List<String> labels,
      Function<List<String>, List<CompletableFuture<float[]>>> computeMisses) {
    MessageDigest prefix = digestOf(templates);
    List<CompletableFuture<float[]>> result = new ArrayList<>(labels.size());
    List<String> missed = new ArrayList<>();
    List<Digest> missedKeys = new ArrayList<>();
    List<Entry> missedEntries = new ArrayList<>();
    synchronized (entries) {
      for (String label : labels) {
        Digest key = Digest.of(prefix, label);
        Entry entry = entries.get(key);
        if (entry == null) {
          entry = new Entry();
          entries.put(key, entry);
          bytes += entry.weight;
          missed.add(label);
          missedKeys.add(key);
          missedEntries.add(entry);
        }
        result.add(entry.future);
      }
      evict();
    }
    if (!missed.isEmpty()) {
      List<CompletableFuture<float[]>> computed;
      try {
        computed = computeMisses.apply(missed);
      } catch (Throwable e) {
        computed = Collections.nCopies(missed.size(), CompletableFuture.failedFuture(e));
      }
      for (int i = 0; i < missed.size(); i++) {
        settle(missedKeys.get(i), missedEntries.get(i), computed.get(i));
      }
    }
    return result;
  }

  /** Entries held (computed or being computed). */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Heap the entries take, as counted against the capacity. */
  public long bytes() {
    synchronized (entries) {
      return bytes;
    }
  }

  private void settle(Digest key, Entry entry, CompletableFuture<float[]> computed) {
    computed.whenComplete((value, error) -> {
      synchronized (entries) {
        if (entries.get(key) == entry) {
          if (error != null) {
            entries.remove(key);
            bytes -= entry.weight;
          } else {
            entry.weight += 4L * value.length;
            bytes += 4L * value.length;
            evict();
          }
        }
      }
      if (error != null) {
        entry.future.completeExceptionally(error);
      } else {
        entry.future.complete(value);
      }
    });
  }

  /** Under the lock: least recently used out until the entries fit. */
  private void evict() {
    Iterator<Map.Entry<Digest, Entry>> eldest = entries.entrySet().iterator();
    while (bytes > capacityBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().weight;
      eldest.remove();
    }
  }

  private static MessageDigest digestOf(List<String> templates) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    digest.update(ByteBuffer.allocate(4).putInt(templates.size()).array());
    templates.forEach(template -> update(digest, template));
    return digest;
  }

  /** Length, then UTF-8 bytes: no two lists of texts feed the digest the same bytes. */
  private static void update(MessageDigest digest, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    digest.update(ByteBuffer.allocate(4).putInt(utf8.length).array());
    digest.update(utf8);
  }

  private static final class Entry {
    final CompletableFuture<float[]> future = new CompletableFuture<>();
    /** Guarded by the map's lock. */
    long weight = ENTRY_OVERHEAD_BYTES;
  }

  /** A SHA-256 digest as four longs. */
  private record Digest(long a, long b, long c, long d) {
    static Digest of(MessageDigest templates, String label) {
      MessageDigest digest;
      try {
        digest = (MessageDigest) templates.clone();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
      }
      update(digest, label);
      ByteBuffer hash = ByteBuffer.wrap(digest.digest());
      return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }
  }
}
