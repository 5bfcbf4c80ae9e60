package io.clipserve.server.preprocess.text.ftfy;

import java.math.BigInteger;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code html.unescape} (CPython 3.11 Lib/html/__init__.py): HTML5 named and numeric
 * character references, with HTML5's repairs of invalid ones. Stateless.
 */
public final class PythonHtml {

  private static final Pattern CHARREF = Pattern.compile(
      "&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
  private static final BigInteger MAX_CODE_POINT = BigInteger.valueOf(Character.MAX_CODE_POINT);
  // html._invalid_charrefs: what browsers show for the Windows-1252 range and two others.
  private static final Map<Integer, String> INVALID_CHARREFS = Map.ofEntries(
      Map.entry(0x00, "\ufffd"), Map.entry(0x0d, "\r"), Map.entry(0x80, "\u20ac"),
      Map.entry(0x81, "\u0081"), Map.entry(0x82, "\u201a"), Map.entry(0x83, "\u0192"),
      Map.entry(0x84, "\u201e"), Map.entry(0x85, "\u2026"), Map.entry(0x86, "\u2020"),
      Map.entry(0x87, "\u2021"), Map.entry(0x88, "\u02c6"), Map.entry(0x89, "\u2030"),
      Map.entry(0x8a, "\u0160"), Map.entry(0x8b, "\u2039"), Map.entry(0x8c, "\u0152"),
      Map.entry(0x8d, "\u008d"), Map.entry(0x8e, "\u017d"), Map.entry(0x8f, "\u008f"),
      Map.entry(0x90, "\u0090"), Map.entry(0x91, "\u2018"), Map.entry(0x92, "\u2019"),
      Map.entry(0x93, "\u201c"), Map.entry(0x94, "\u201d"), Map.entry(0x95, "\u2022"),
      Map.entry(0x96, "\u2013"), Map.entry(0x97, "\u2014"), Map.entry(0x98, "\u02dc"),
      Map.entry(0x99, "\u2122"), Map.entry(0x9a, "\u0161"), Map.entry(0x9b, "\u203a"),
      Map.entry(0x9c, "\u0153"), Map.entry(0x9d, "\u009d"), Map.entry(0x9e, "\u017e"),
      Map.entry(0x9f, "\u0178"));

  private PythonHtml() {}

  /** {@code html.unescape(text)}. */
  public static String unescape(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Map<String, String> html5 = FtfyTables.get().html5;
    Matcher m = CHARREF.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1), html5)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replace(String s, Map<String, String> html5) {
    if (s.charAt(0) == '#') {
      boolean hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
      String digits = stripSemicolons(s.substring(hex ? 2 : 1));
      return numeric(new BigInteger(digits, hex ? 16 : 10));
    }
    String value = html5.get(s);
    if (value != null) {
      return value;
    }
    // The longest known name the reference starts with (names are ASCII, so char indices are
    // code point indices wherever a prefix can match).
    for (int x = s.length() - 1; x > 1; x--) {
      String prefix = html5.get(s.substring(0, x));
      if (prefix != null) {
        return prefix + s.substring(x);
      }
    }
    return "&" + s;
  }

  private static String numeric(BigInteger number) {
    if (number.compareTo(MAX_CODE_POINT) > 0) {
      return "\ufffd";
    }
    int cp = number.intValueExact();
    String invalid = INVALID_CHARREFS.get(cp);
    if (invalid != null) {
      return invalid;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return "\ufffd";
    }
    if (isInvalidCodePoint(cp)) {
      return "";
    }
    return new String(Character.toChars(cp));
  }

  // html._invalid_codepoints
  private static boolean isInvalidCodePoint(int cp) {
    return (cp >= 0x1 && cp <= 0x8) || (cp >= 0xE && cp <= 0x1F) || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0xFDD0 && cp <= 0xFDEF) || cp == 0xB || (cp & 0xFFFE) == 0xFFFE;
  }

  private static String stripSemicolons(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ';') {
      end--;
    }
    return s.substring(0, end);
  }
}
