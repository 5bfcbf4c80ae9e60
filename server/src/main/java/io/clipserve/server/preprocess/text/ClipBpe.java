package io.clipserve.server.preprocess.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.zip.GZIPInputStream;

/**
 * OpenAI CLIP's byte-level BPE over its merges file ({@code bpe_simple_vocab_16e6.txt.gz}, as
 * open_clip and OpenAI's clip package ship it), ported from open_clip/tokenizer.py: the same
 * byte-to-character table, vocabulary order (256 bytes, the same with "&lt;/w&gt;", 48,894 merges,
 * then the two special tokens) and merge loop. Immutable apart from a bounded, concurrent cache of
 * words already split; thread-safe.
 */
final class ClipBpe {

  static final String START_OF_TEXT = "<start_of_text>";
  static final String END_OF_TEXT = "<end_of_text>";
  /** open_clip reads merges[1 : 49152 - 256 - 2 + 1]: the first line is a header. */
  static final int MERGES = 49152 - 256 - 2;
  private static final String END_OF_WORD = "</w>";
  /** Words kept in the cache at most; a stream of distinct words cannot grow memory past it. */
  private static final int CACHE_LIMIT = 1 << 16;

  private final String[] byteEncoder = new String[256];
  private final Map<String, Integer> encoder;
  private final String[] decoder;
  private final Map<String, Integer> ranks;
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private ClipBpe(List<String[]> merges) {
    List<String> vocab = new ArrayList<>(2 * 256 + merges.size() + 2);
    for (int[] entry : bytesToUnicode()) {
      byteEncoder[entry[0]] = String.valueOf((char) entry[1]);
      vocab.add(byteEncoder[entry[0]]);
    }
    for (int i = 0; i < 256; i++) {
      vocab.add(vocab.get(i) + END_OF_WORD);
    }
    Map<String, Integer> mergeRanks = new HashMap<>();
    for (int rank = 0; rank < merges.size(); rank++) {
      String[] merge = merges.get(rank);
      vocab.add(merge[0] + merge[1]);
      mergeRanks.put(pairKey(merge[0], merge[1]), rank); // a later duplicate wins, as in Python
    }
    vocab.add(START_OF_TEXT);
    vocab.add(END_OF_TEXT);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < vocab.size(); i++) {
      ids.put(vocab.get(i), i); // a later duplicate wins, as in dict(zip(vocab, range(...)))
    }
    this.encoder = Map.copyOf(ids);
    this.decoder = vocab.toArray(new String[0]);
    this.ranks = Map.copyOf(mergeRanks);
  }

  /**
   * Reads the merges file, gzip-compressed or not.
   *
   * @throws IOException unreadable, or fewer merges than OpenAI CLIP's vocabulary has
   */
  static ClipBpe load(Path file) throws IOException {
    String text;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      try (InputStream body = gzip ? new GZIPInputStream(in) : in) {
        text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (NoSuchFileException e) {
      throw new IOException("tokenizer file " + file + " does not exist", e);
    }
    String[] lines = text.split("\n", -1);
    if (lines.length < MERGES + 1) {
      throw new IOException(file + " holds " + Math.max(0, lines.length - 1)
          + " merge lines; OpenAI CLIP's BPE needs " + MERGES);
    }
    List<String[]> merges = new ArrayList<>(MERGES);
    for (int i = 1; i <= MERGES; i++) {
      String[] pair = lines[i].trim().split("\\s+");
      if (pair.length != 2) {
        throw new IOException(file + " line " + (i + 1) + " is not a merge of two symbols");
      }
      merges.add(pair);
    }
    return new ClipBpe(merges);
  }

  /** The id of a vocabulary entry (the special tokens included). */
  int id(String token) {
    Integer id = encoder.get(token);
    if (id == null) {
      throw new IllegalArgumentException("not in the BPE vocabulary: " + token);
    }
    return id;
  }

  /** The vocabulary entry of an id. */
  String token(int id) {
    return decoder[id];
  }

  /** Feeds the ids of one pre-tokenized piece of text (its UTF-8 bytes, BPE-merged). */
  void encode(String piece, IntConsumer ids) {
    int[] cached = cache.get(piece);
    if (cached == null) {
      cached = merge(piece);
      if (cache.size() < CACHE_LIMIT) {
        cache.put(piece, cached);
      }
    }
    for (int id : cached) {
      ids.accept(id);
    }
  }

  private int[] merge(String piece) {
    byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
    List<String> word = new ArrayList<>(utf8.length);
    for (byte b : utf8) {
      word.add(byteEncoder[b & 0xff]);
    }
    int last = word.size() - 1;
    word.set(last, word.get(last) + END_OF_WORD);
    while (word.size() > 1) {
      int best = Integer.MAX_VALUE;
      String first = null;
      String second = null;
      for (int i = 0; i + 1 < word.size(); i++) {
        Integer rank = ranks.get(pairKey(word.get(i), word.get(i + 1)));
        if (rank != null && rank < best) {
          best = rank;
          first = word.get(i);
          second = word.get(i + 1);
        }
      }
      if (first == null) {
        break;
      }
      List<String> merged = new ArrayList<>(word.size());
      for (int i = 0; i < word.size(); ) {
        if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
          merged.add(first + second);
          i += 2;
        } else {
          merged.add(word.get(i));
          i++;
        }
      }
      word = merged;
    }
    int[] out = new int[word.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(word.get(i));
    }
    return out;
  }

  private static String pairKey(String first, String second) {
    return first + ' ' + second; // symbols never hold a space: the file separates them by one
  }

  /**
   * GPT-2's table from the 256 byte values to printable characters: printable Latin-1 bytes map
   * to themselves, the others to U+0100 upwards; in open_clip's order.
   */
  private static List<int[]> bytesToUnicode() {
    List<int[]> out = new ArrayList<>(256);
    boolean[] printable = new boolean[256];
    for (int b = 0; b < 256; b++) {
      printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      if (printable[b]) {
        out.add(new int[] {b, b});
      }
    }
    int n = 0;
    for (int b = 0; b < 256; b++) {
      if (!printable[b]) {
        out.add(new int[] {b, 256 + n++});
      }
    }
    return out;
  }
}
