package io.clipserve.server.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK answers every question BERT's tokenizer asks about a code point as Python 3.11's
 * unicodedata does (reference/unicode/python_unicode.json, from tools/reference_unicode.py),
 * except at code points one side's Unicode version has not assigned yet.
 */
class UnicodeCategoriesTest {

  /** Assigned in both versions but re-categorised by Unicode 14: Mn (13.0) became Mc. */
  private static final Set<Integer> RECATEGORISED = Set.of(0x1734);

  private static JsonObject python;
  private static BitSet pythonAssigned;

  @BeforeAll
  static void load() throws IOException {
    python = TestFiles.json("reference/unicode/python_unicode.json");
    pythonAssigned = ranges("assigned");
  }

  @Test
  void controlOrFormat() {
    assertAgrees("control_or_format", UnicodeCategories::isControlOrFormat);
  }

  @Test
  void spaceSeparator() {
    assertAgrees("space_separator", UnicodeCategories::isSpaceSeparator);
  }

  @Test
  void nonSpacingMark() {
    assertAgrees("non_spacing_mark", UnicodeCategories::isNonSpacingMark);
  }

  @Test
  void punctuationCategory() {
    assertAgrees("punctuation_category", UnicodeCategories::isPunctuationCategory);
  }

  @Test
  void pythonSpaceIsExactlyStrIsspace() {
    assertAgrees("python_space", UnicodeCategories::isPythonSpace);
    assertThat(UnicodeCategories.pythonStrip("\u00a0\u2028 a b\u3000\u0085")).isEqualTo("a b");
  }

  @Test
  void lowerCaseMatchesPythonStrLower() {
    assertMappingAgrees("lower", s -> s.toLowerCase(Locale.ROOT));
    // Context-dependent: final sigma, as Python's str.lower() applies it.
    assertThat("ΟΔΥΣΣΕΥΣ ΣΑΣ".toLowerCase(Locale.ROOT)).isEqualTo("οδυσσευς σας");
  }

  @Test
  void nfdMatchesPythonUnicodedataNormalize() {
    assertMappingAgrees("nfd", s -> Normalizer.normalize(s, Normalizer.Form.NFD));
  }

  private static void assertAgrees(String name, IntPredicate java) {
    BitSet expected = ranges(name);
    List<Integer> differences = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      if (java.test(cp) != expected.get(cp)) {
        differences.add(cp);
      }
    }
    assertOnlyUnicodeVersionDifferences(name, differences);
  }

  private static void assertMappingAgrees(String name, UnaryOperator<String> java) {
    Map<Integer, String> expected = new HashMap<>();
    for (JsonElement e : python.getAsJsonArray(name)) {
      JsonArray pair = e.getAsJsonArray();
      StringBuilder mapped = new StringBuilder();
      pair.get(1).getAsJsonArray().forEach(c -> mapped.appendCodePoint(c.getAsInt()));
      expected.put(pair.get(0).getAsInt(), mapped.toString());
    }
    List<Integer> differences = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      boolean hangul = cp >= 0xAC00 && cp <= 0xD7A3;
      if ((cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) || hangul) {
        continue;
      }
      String s = new String(Character.toChars(cp));
      if (!java.apply(s).equals(expected.getOrDefault(cp, s))) {
        differences.add(cp);
      }
    }
    assertOnlyUnicodeVersionDifferences(name, differences);
  }

  private static void assertOnlyUnicodeVersionDifferences(String name, List<Integer> differences) {
    List<String> unexplained = differences.stream()
        .filter(cp -> !RECATEGORISED.contains(cp))
        .filter(cp -> (Character.getType(cp) == Character.UNASSIGNED) == !pythonAssigned.get(cp))
        .map(cp -> String.format("U+%04X", cp))
        .collect(Collectors.toList());
    System.out.printf("%s: Java %s vs Python %s (Unicode %s): %d code points differ%n", name, Runtime.version().feature(),
        python.get("python").getAsString(), python.get("unicode").getAsString(), differences.size());
    assertThat(unexplained).as(name + " differences at code points both sides know").isEmpty();
  }

  private static BitSet ranges(String name) {
    BitSet set = new BitSet(Character.MAX_CODE_POINT + 1);
    for (JsonElement e : python.getAsJsonObject("ranges").getAsJsonArray(name)) {
      JsonArray range = e.getAsJsonArray();
      set.set(range.get(0).getAsInt(), range.get(1).getAsInt() + 1);
    }
    return set;
  }

  @Test
  void pythonCollapseWhitespaceIsSplitAndJoin() {
    assertThat(UnicodeCategories.pythonCollapseWhitespace("\u001c a\u3000\u00a0b\u0085\u2029 "))
        .isEqualTo("a b");
    assertThat(UnicodeCategories.pythonCollapseWhitespace("a\u200bb")).isEqualTo("a\u200bb");
    assertThat(UnicodeCategories.pythonCollapseWhitespace(" \t\n")).isEmpty();
  }
}
