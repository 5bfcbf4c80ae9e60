package io.clipserve.server.preprocess.text.ftfy;

import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One alternative of ftfy's badness or UTF-8 detector regex as tools/reference_open_clip.py
 * writes it: a sequence of items, each "^" (start of text), "1:" and a set (one character of the
 * set) or "?:" and a set (zero or one, greedy). Sets are code point ranges. Immutable.
 */
final class CharSetSequence {

  private final List<Item> items;

  private CharSetSequence(List<Item> items) {
    this.items = List.copyOf(items);
  }

  /** Parses one alternative; equal sets are shared through {@code sets}. */
  static CharSetSequence parse(String spec, Map<String, BitSet> sets) {
    String[] parts = spec.split(" ");
    Item[] items = new Item[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.equals("^")) {
        items[i] = new Item(Kind.START, null);
      } else if (part.startsWith("1:") || part.startsWith("?:")) {
        BitSet set = sets.computeIfAbsent(part.substring(2), FtfyTables::codePointSet);
        items[i] = new Item(part.charAt(0) == '1' ? Kind.ONE : Kind.OPTIONAL, set);
      } else {
        throw new IllegalArgumentException("unknown item " + part);
      }
    }
    return new CharSetSequence(List.of(items));
  }

  /** Where a match starting at {@code at} ends, or -1: the regex's greedy, backtracking match. */
  int matchAt(String text, int at) {
    return match(text, at, 0);
  }

  private int match(String text, int at, int item) {
    if (item == items.size()) {
      return at;
    }
    Item it = items.get(item);
    if (it.kind == Kind.START) {
      return at == 0 ? match(text, at, item + 1) : -1;
    }
    if (at < text.length()) {
      int cp = text.codePointAt(at);
      if (it.set.get(cp)) {
        int end = match(text, at + Character.charCount(cp), item + 1);
        if (end >= 0 || it.kind == Kind.ONE) {
          return end;
        }
      } else if (it.kind == Kind.ONE) {
        return -1;
      }
    } else if (it.kind == Kind.ONE) {
      return -1;
    }
    return match(text, at, item + 1); // an optional item matching nothing
  }

  private enum Kind { START, ONE, OPTIONAL }

  private record Item(Kind kind, BitSet set) {}
}
