package io.clipserve.server.preprocess.text;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A BERT {@code vocab.txt}: one token per line, id = line number, read as BERT's
 * {@code load_vocab} does. Immutable and thread-safe after loading.
 */
final class BertVocabulary {

  private final Map<String, Integer> ids;
  private final int longestToken;

  private BertVocabulary(Map<String, Integer> ids) {
    this.ids = ids;
    int longest = 0;
    for (String token : ids.keySet()) {
      longest = Math.max(longest, token.codePointCount(0, token.length()));
    }
    this.longestToken = longest;
  }

  /**
   * Reads the file as {@code load_vocab}: strict UTF-8, lines split at {@code \n}, {@code \r\n}
   * or {@code \r} (Python's universal newlines), each stripped of Python whitespace (so a line
   * holding only U+2028 becomes the empty token), a later duplicate taking the token.
   */
  static BertVocabulary load(Path file) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException("vocabulary " + file + " is not valid UTF-8", e);
    }
    Map<String, Integer> ids = new HashMap<>();
    int index = 0;
    int lineStart = 0;
    int n = text.length();
    while (lineStart < n) {
      int lineEnd = lineStart;
      while (lineEnd < n && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
        lineEnd++;
      }
      ids.put(UnicodeCategories.pythonStrip(text.substring(lineStart, lineEnd)), index++);
      int next = lineEnd + 1;
      if (lineEnd + 1 < n && text.charAt(lineEnd) == '\r' && text.charAt(lineEnd + 1) == '\n') {
        next++;
      }
      lineStart = next;
    }
    return new BertVocabulary(ids);
  }

  /** The token's id, or -1 when the vocabulary lacks it. */
  int idOf(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** The token's id; fails when the vocabulary lacks it (a required special token). */
  int requireId(String token) throws IOException {
    int id = idOf(token);
    if (id < 0) {
      throw new IOException("vocabulary has no " + token + " token");
    }
    return id;
  }

  /** Code points of the longest token, "##" included: no longer piece can match. */
  int longestToken() {
    return longestToken;
  }
}
