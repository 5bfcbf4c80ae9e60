package io.clipserve.server.preprocess.text;

/**
 * BERT's {@code WordpieceTokenizer}: greedy longest-match-first over a word's code points, later
 * pieces prefixed "##", the whole word becoming the unknown token when any part has no match or
 * when it is longer than {@code maxInputCharsPerWord} code points (Google's 200; Hugging Face's
 * default is 100). Immutable and thread-safe.
 */
final class WordPieceTokenizer {

  private static final String CONTINUATION = "##";

  private final BertVocabulary vocab;
  private final String unknownToken;
  private final int unknownId;
  private final int maxInputCharsPerWord;

  WordPieceTokenizer(BertVocabulary vocab, String unknownToken, int unknownId,
      int maxInputCharsPerWord) {
    this.vocab = vocab;
    this.unknownToken = unknownToken;
    this.unknownId = unknownId;
    this.maxInputCharsPerWord = maxInputCharsPerWord;
  }

  /** Appends the pieces of one basic token (no whitespace inside) to {@code out}. */
  void tokenize(String word, PieceBuffer out) {
    int length = word.codePointCount(0, word.length());
    if (length > maxInputCharsPerWord) {
      out.add(unknownToken, unknownId);
      return;
    }
    int[] offsets = new int[length + 1];
    for (int i = 0, at = 0; i < length; i++) {
      at += Character.charCount(word.codePointAt(at));
      offsets[i + 1] = at;
    }
    String[] pieces = new String[length];
    int[] ids = new int[length];
    int count = 0;
    int start = 0;
    while (start < length) {
      // A match is never longer than the vocabulary's longest token: start the search there.
      int longest = start == 0 ? vocab.longestToken() : vocab.longestToken() - CONTINUATION.length();
      int end = Math.min(length, start + Math.max(longest, 0));
      String match = null;
      int matchId = -1;
      for (; end > start; end--) {
        String sub = word.substring(offsets[start], offsets[end]);
        String candidate = start == 0 ? sub : CONTINUATION + sub;
        matchId = vocab.idOf(candidate);
        if (matchId >= 0) {
          match = candidate;
          break;
        }
      }
      if (match == null) {
        out.add(unknownToken, unknownId);
        return;
      }
      pieces[count] = match;
      ids[count] = matchId;
      count++;
      start = end;
    }
    for (int i = 0; i < count; i++) {
      out.add(pieces[i], ids[i]);
    }
  }
}
