package io.clipserve.server.preprocess.text.ftfy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ftfy.fix_text(text)} with ftfy 6.3.1's default {@code TextFixerConfig}: per line, HTML
 * entities (unless the text so far has a '<'), mojibake repair, C1 controls, Latin ligatures,
 * character width, curly quotes, line breaks, surrogates, terminal escapes, control characters and
 * NFC, repeated until the line no longer changes. Stateless and thread-safe.
 *
 * <p>One deliberate difference: Python repeats its fix loops until nothing changes, without a
 * bound; here each loop stops after {@value #MAX_PASSES} passes, so that no input can hold a
 * request thread. Every text seen so far settles in two or three passes.
 */
public final class TextFixer {

  /** Most passes of the whole-line and the encoding fix loops. */
  static final int MAX_PASSES = 16;
  /** ftfy's max_decode_length: longer lines are fixed in pieces of this many code points. */
  private static final int MAX_DECODE_LENGTH = 1_000_000;

  private static final Pattern HTML_ENTITY_RE = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
  private static final Pattern ANSI_RE = Pattern.compile("\u001b\\[((?:\\p{Nd}|;)*)([a-zA-Z])");
  private static final Pattern C1_CONTROL_RE = Pattern.compile("[\\x80-\\x9f]");

  private final FtfyTables tables = FtfyTables.get();
  private final Charmap latin1 = tables.charmap("latin-1");
  private final Charmap sloppy1252 = tables.charmap("sloppy-windows-1252");

  /** Fixes {@code text} as {@code ftfy.fix_text(text)} does. */
  public String fixText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    fixLines(text, line -> {
      out.append(line);
      return true;
    });
    return out.toString();
  }

  /**
   * Fixes {@code text} line by line, as ftfy does, handing each fixed line (with its '\n') to
   * {@code sink} until it returns false: a caller that needs only the start of a long text stops
   * the work there. The lines concatenated are {@link #fixText}.
   */
  public void fixLines(String text, Predicate<String> sink) {
    boolean unescapeHtml = true;
    int pos = 0;
    while (pos < text.length()) {
      int lineBreak = text.indexOf('\n', pos) + 1;
      int end = lineBreak == 0 ? text.length() : lineBreak;
      if (text.codePointCount(pos, end) > MAX_DECODE_LENGTH) {
        end = text.offsetByCodePoints(pos, MAX_DECODE_LENGTH);
      }
      String segment = text.substring(pos, end);
      // "auto": a '<' means the text may be HTML; entities stay as they are from here on.
      if (segment.indexOf('<') >= 0) {
        unescapeHtml = false;
      }
      if (!sink.test(fixSegment(segment, unescapeHtml))) {
        return;
      }
      pos = end;
    }
  }

  private String fixSegment(String text, boolean unescapeHtml) {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      String original = text;
      if (unescapeHtml) {
        text = unescapeHtml(text);
      }
      text = fixEncoding(text);
      text = fixC1Controls(text);
      text = translate(text, TextFixer::ligature);
      text = translate(text, cp -> tables.width.get(cp));
      text = uncurlQuotes(text);
      text = fixLineBreaks(text);
      text = fixSurrogates(text);
      text = ANSI_RE.matcher(text).replaceAll("");
      text = translate(text, cp -> isControl(cp) ? "" : null);
      text = Normalizer.normalize(text, Normalizer.Form.NFC);
      if (text.equals(original)) {
        break;
      }
    }
    return text;
  }

  /** ftfy.fix_encoding: one mojibake repair step at a time until the text stays the same. */
  String fixEncoding(String text) {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      String fixed = fixEncodingStep(text);
      if (fixed.equals(text)) {
        break;
      }
      text = fixed;
    }
    return text;
  }

  private String fixEncodingStep(String text) {
    if (text.isEmpty() || isAscii(text) || !tables.patterns.isBad(text)) {
      return text;
    }
    List<Charmap> possible = new ArrayList<>();
    for (Charmap charmap : tables.charmaps) {
      if (!charmap.canEncode(text)) {
        continue;
      }
      possible.add(charmap);
      String bytes = charmap.encodeToLatin1(text);
      if (!charmap.name().equals("macroman") && ByteFixes.ALTERED_UTF8_RE.matcher(bytes).find()) {
        bytes = ByteFixes.restoreByteA0(bytes);
      }
      if (charmap.sloppy()) {
        bytes = ByteFixes.replaceLossySequences(bytes);
      }
      boolean variants = bytes.indexOf('\u00ed') >= 0 || bytes.indexOf('\u00c0') >= 0;
      String fixed = variants ? Utf8Decoding.variants(bytes) : Utf8Decoding.strict(bytes);
      if (fixed != null) {
        return fixed;
      }
    }
    if (tables.patterns.hasUtf8Run(text)) {
      String fixed = decodeInconsistentUtf8(text);
      if (!fixed.equals(text)) {
        return fixed;
      }
    }
    if (possible.contains(latin1)) {
      if (possible.contains(sloppy1252)) {
        return text;
      }
      String fixed = latin1ReadAsWindows1252(text);
      if (fixed != null && !fixed.equals(text)) {
        return fixed;
      }
    }
    if (C1_CONTROL_RE.matcher(text).find()) {
      return fixC1Controls(text);
    }
    return text;
  }

  /** Mojibake inside otherwise good text: each bad-looking UTF-8-like run is fixed alone. */
  private String decodeInconsistentUtf8(String text) {
    return tables.patterns.replaceUtf8Runs(text, run ->
        run.length() < text.length() && tables.patterns.isBad(run) ? fixEncoding(run) : run);
  }

  /** text.encode("latin-1").decode("windows-1252"), or null where Python's strict codec fails. */
  private String latin1ReadAsWindows1252(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
        return null; // undefined in windows-1252
      }
      out.appendCodePoint(sloppy1252.decode(c));
    }
    return out.toString();
  }

  private String unescapeHtml(String text) {
    Map<String, String> entities = tables.ftfyEntities;
    Matcher m = HTML_ENTITY_RE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String entity = m.group();
      String value = entities.get(entity);
      if (value == null && entity.startsWith("&#")) {
        String unescaped = PythonHtml.unescape(entity);
        value = unescaped.indexOf(';') >= 0 ? entity : unescaped;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? entity : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String fixC1Controls(String text) {
    return translate(text, cp -> cp >= 0x80 && cp <= 0x9F
        ? new String(Character.toChars(sloppy1252.decode(cp))) : null);
  }

  private static String uncurlQuotes(String text) {
    return translate(text, cp -> {
      if (cp == 0x02BC || (cp >= 0x2018 && cp <= 0x201B)) {
        return "'";
      }
      return cp >= 0x201C && cp <= 0x201F ? "\"" : null;
    });
  }

  private static String fixLineBreaks(String text) {
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        .replace("\u2029", "\n").replace("\u0085", "\n");
  }

  /** Surrogate pairs are already characters in Java; a lone surrogate becomes U+FFFD. */
  private static String fixSurrogates(String text) {
    return translate(text,
        cp -> cp <= 0xFFFF && Character.isSurrogate((char) cp) ? "\ufffd" : null);
  }

  // chardata.CONTROL_CHARS
  private static boolean isControl(int cp) {
    return cp <= 0x08 || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || cp == 0x7F
        || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC);
  }

  // chardata.LIGATURES
  private static String ligature(int cp) {
    switch (cp) {
      case 0x0132: return "IJ";
      case 0x0133: return "ij";
      case 0x0149: return "\u02bcn";
      case 0x01F1: return "DZ";
      case 0x01F2: return "Dz";
      case 0x01F3: return "dz";
      case 0x01C4: return "D\u017d";
      case 0x01C5: return "D\u017e";
      case 0x01C6: return "d\u017e";
      case 0x01C7: return "LJ";
      case 0x01C8: return "Lj";
      case 0x01C9: return "lj";
      case 0x01CA: return "NJ";
      case 0x01CB: return "Nj";
      case 0x01CC: return "nj";
      case 0xFB00: return "ff";
      case 0xFB01: return "fi";
      case 0xFB02: return "fl";
      case 0xFB03: return "ffi";
      case 0xFB04: return "ffl";
      case 0xFB05: return "\u017ft";
      case 0xFB06: return "st";
      default: return null;
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** Python's str.translate: each code point mapped to a replacement, or kept when null. */
  private static String translate(String text, CodePointMap map) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      String replacement = map.apply(cp);
      if (replacement != null && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        if (replacement != null) {
          out.append(replacement);
        } else {
          out.appendCodePoint(cp);
        }
      }
      i = next;
    }
    return out == null ? text : out.toString();
  }

  /** One code point's replacement, or null to keep it. */
  @FunctionalInterface
  private interface CodePointMap {
    String apply(int codePoint);
  }
}
