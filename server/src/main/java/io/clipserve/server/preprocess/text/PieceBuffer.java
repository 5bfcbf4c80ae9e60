package io.clipserve.server.preprocess.text;

/**
 * The first {@code capacity} word pieces of one text, with their ids, and whether more came.
 * One per {@code tokenize} call; not thread-safe.
 */
final class PieceBuffer {

  private final String[] tokens;
  private final int[] ids;
  private int size;
  private boolean overflowed;

  PieceBuffer(int capacity) {
    tokens = new String[capacity];
    ids = new int[capacity];
  }

  void add(String token, int id) {
    if (size == tokens.length) {
      overflowed = true;
      return;
    }
    tokens[size] = token;
    ids[size] = id;
    size++;
  }

  /** Whether a piece beyond the capacity was offered: the text gets truncated. */
  boolean overflowed() {
    return overflowed;
  }

  int size() {
    return size;
  }

  String token(int index) {
    return tokens[index];
  }

  int id(int index) {
    return ids[index];
  }
}
