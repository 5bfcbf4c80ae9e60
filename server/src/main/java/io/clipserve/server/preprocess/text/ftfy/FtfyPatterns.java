package io.clipserve.server.preprocess.text.ftfy;

import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * ftfy's two large regexes run as set lookups: {@code BADNESS_RE} (is this text mojibake?) and
 * {@code UTF8_DETECTOR_RE} (runs of characters that look like UTF-8 read as a single-byte codec).
 * java.util.regex tests a character class of hundreds of entries one entry at a time, which made
 * fixing a line cost up to a millisecond; the same search over {@link BitSet}s gives the same
 * matches. Immutable and thread-safe.
 */
final class FtfyPatterns {

  private final List<CharSetSequence> badness;
  private final BitSet utf8NotAfter;
  private final List<CharSetSequence> utf8Run;

  /**
   * @param badness BADNESS_RE's alternatives
   * @param utf8NotAfter UTF8_DETECTOR_RE's look-behind: a run never starts after one of these
   * @param utf8Run the alternatives UTF8_DETECTOR_RE repeats ({@code (a|b|c)+})
   */
  FtfyPatterns(List<CharSetSequence> badness, BitSet utf8NotAfter, List<CharSetSequence> utf8Run) {
    this.badness = List.copyOf(badness);
    this.utf8NotAfter = utf8NotAfter;
    this.utf8Run = List.copyOf(utf8Run);
  }

  /** ftfy.badness.is_bad: BADNESS_RE matches somewhere. */
  boolean isBad(String text) {
    for (int at = 0; at < text.length(); at += Character.charCount(text.codePointAt(at))) {
      for (CharSetSequence alternative : badness) {
        if (alternative.matchAt(text, at) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether UTF8_DETECTOR_RE matches somewhere. */
  boolean hasUtf8Run(String text) {
    for (int at = 0; at < text.length(); at += Character.charCount(text.codePointAt(at))) {
      if (utf8RunEnd(text, at) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@code UTF8_DETECTOR_RE.sub(fn, text)}. */
  String replaceUtf8Runs(String text, UnaryOperator<String> fn) {
    StringBuilder out = null;
    int copied = 0;
    for (int at = 0; at < text.length(); ) {
      int end = utf8RunEnd(text, at);
      if (end < 0) {
        at += Character.charCount(text.codePointAt(at));
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, copied, at).append(fn.apply(text.substring(at, end)));
      copied = end;
      at = end;
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * The end of the run starting at {@code at}, or -1. Nothing follows the repeated group in the
   * regex, so its greedy match takes, at each step, the first alternative that matches there.
   */
  private int utf8RunEnd(String text, int at) {
    if (at > 0 && utf8NotAfter.get(text.codePointBefore(at))) {
      return -1;
    }
    int end = -1;
    for (int from = at; from < text.length(); ) {
      int next = -1;
      for (CharSetSequence alternative : utf8Run) {
        next = alternative.matchAt(text, from);
        if (next >= 0) {
          break;
        }
      }
      if (next < 0) {
        break;
      }
      end = next;
      from = next;
    }
    return end;
  }
}
