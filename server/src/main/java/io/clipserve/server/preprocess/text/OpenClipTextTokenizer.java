package io.clipserve.server.preprocess.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI CLIP text tokenization exactly as open_clip's {@code SimpleTokenizer} (and so
 * {@code open_clip.tokenize}) does it: {@link OpenClipTextCleaner}'s cleaning, open_clip's split
 * pattern, byte-level BPE ({@link ClipBpe}), then {@code [<start_of_text>] + ids +
 * [<end_of_text>]} cut to the context length with the last id set back to
 * {@code <end_of_text>}, padded with the spec's pad id (0 in open_clip).
 *
 * <p>As in open_clip, the strings {@code <start_of_text>} and {@code <end_of_text>} typed in a
 * text are those special tokens, while {@code <|endoftext|>} (the Hugging Face spelling) is
 * ordinary text. Pure Java, immutable and thread-safe.
 */
final class OpenClipTextTokenizer implements TextTokenizer {

  // open_clip's pattern, compiled by the regex module with re.IGNORECASE; \s there is Unicode
  // White_Space (after cleaning only ' ' is left anyway). Under IGNORECASE the regex module
  // matches U+0345 (which case-folds to a Greek iota) by neither class, so open_clip drops it.
  private static final Pattern SPLIT = Pattern.compile(
      Pattern.quote(ClipBpe.START_OF_TEXT) + "|" + Pattern.quote(ClipBpe.END_OF_TEXT)
          + "|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]"
          + "|[^\\p{IsWhite_Space}\\p{L}\\p{N}\\x{345}]+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private final ClipBpe bpe;
  private final OpenClipTextCleaner cleaner = new OpenClipTextCleaner();
  private final int contextLength;
  private final long padId;
  private final int startId;
  private final int endId;

  private OpenClipTextTokenizer(ClipBpe bpe, int contextLength, long padId) {
    if (contextLength < 2) {
      throw new IllegalArgumentException("context length must hold <start_of_text> and "
          + "<end_of_text>: " + contextLength);
    }
    this.bpe = bpe;
    this.contextLength = contextLength;
    this.padId = padId;
    this.startId = bpe.id(ClipBpe.START_OF_TEXT);
    this.endId = bpe.id(ClipBpe.END_OF_TEXT);
  }

  /** Reads {@code spec.file()}, OpenAI CLIP's merges file (bpe_simple_vocab_16e6.txt.gz). */
  static OpenClipTextTokenizer load(TokenizerSpec spec) throws IOException {
    return new OpenClipTextTokenizer(ClipBpe.load(spec.file()), spec.contextLength(),
        spec.padId());
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public TokenizedText tokenize(String text) {
    IdBuffer ids = new IdBuffer(contextLength);
    ids.accept(startId);
    // Stops once the ids cannot fit: the rest of a long text is neither cleaned nor split.
    cleaner.clean(text, cleaned -> {
      Matcher m = SPLIT.matcher(cleaned);
      while (!ids.overflowed() && m.find()) {
        String piece = m.group();
        if (piece.equals(ClipBpe.START_OF_TEXT) || piece.equals(ClipBpe.END_OF_TEXT)) {
          ids.accept(bpe.id(piece));
        } else {
          bpe.encode(piece, ids);
        }
      }
      return !ids.overflowed();
    });
    ids.accept(endId);
    boolean truncated = ids.overflowed();
    long[] kept = ids.kept();
    kept[kept.length - 1] = endId;
    List<String> tokens = new ArrayList<>(kept.length);
    for (long id : kept) {
      tokens.add(bpe.token((int) id));
    }
    return TokenizedTexts.padded(kept, tokens, truncated, contextLength, padId);
  }

  /** The first contextLength ids, and whether more came. */
  private static final class IdBuffer implements IntConsumer {
    private final long[] ids;
    private int size;
    private boolean overflowed;

    IdBuffer(int capacity) {
      ids = new long[capacity];
    }

    @Override
    public void accept(int id) {
      if (size < ids.length) {
        ids[size++] = id;
      } else {
        overflowed = true;
      }
    }

    boolean overflowed() {
      return overflowed;
    }

    long[] kept() {
      return Arrays.copyOf(ids, size);
    }
  }
}
