package io.clipserve.server.preprocess.text.ftfy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy's data, read once from {@code ftfy-tables.txt} (written by tools/reference_open_clip.py).
 * Immutable; {@link #get()} may be called from any thread.
 */
final class FtfyTables {

  private static final String RESOURCE = "ftfy-tables.txt";
  private static final Pattern CLASS_RANGE =
      Pattern.compile("\\\\x\\{([0-9A-F]+)\\}(?:-\\\\x\\{([0-9A-F]+)\\})?");

  /** ftfy's single-byte encodings in the order it tries them (chardata.CHARMAP_ENCODINGS). */
  final List<Charmap> charmaps;
  /** ftfy.badness.BADNESS_RE and ftfy.chardata.UTF8_DETECTOR_RE. */
  final FtfyPatterns patterns;
  /** ftfy.chardata.HTML_ENTITIES: "&name;" to text. */
  final Map<String, String> ftfyEntities;
  /** Python's html.entities.html5: "name;" or "name" to text. */
  final Map<String, String> html5;
  /** ftfy.chardata.WIDTH_MAP. */
  final Map<Integer, String> width;

  private FtfyTables(List<Charmap> charmaps, FtfyPatterns patterns,
      Map<String, String> ftfyEntities, Map<String, String> html5, Map<Integer, String> width) {
    this.charmaps = List.copyOf(charmaps);
    this.patterns = patterns;
    this.ftfyEntities = Map.copyOf(ftfyEntities);
    this.html5 = Map.copyOf(html5);
    this.width = Map.copyOf(width);
  }

  /** The tables; the first call reads the resource. */
  static FtfyTables get() {
    return Holder.TABLES;
  }

  Charmap charmap(String name) {
    for (Charmap charmap : charmaps) {
      if (charmap.name().equals(name)) {
        return charmap;
      }
    }
    throw new IllegalStateException(RESOURCE + " lacks the " + name + " table");
  }

  /** A set written as code point ranges, {@code \x{41}-\x{5A}\x{5F}}. */
  static BitSet codePointSet(String ranges) {
    BitSet set = new BitSet();
    fillRanges(ranges, set);
    return set;
  }

  private static FtfyTables read() throws IOException {
    List<Charmap> charmaps = new ArrayList<>();
    Map<String, BitSet> sets = new HashMap<>();
    List<CharSetSequence> badness = new ArrayList<>();
    List<CharSetSequence> utf8Run = new ArrayList<>();
    BitSet utf8NotAfter = null;
    Map<String, String> ftfyEntities = new HashMap<>();
    Map<String, String> html5 = new HashMap<>();
    Map<Integer, String> width = new LinkedHashMap<>();
    try (InputStream in = FtfyTables.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + RESOURCE + " is missing from the class path");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "charmap" -> charmaps.add(new Charmap(f[1], codePoints(f[2])));
          case "badness" -> {
            for (int i = 1; i < f.length; i++) {
              badness.add(CharSetSequence.parse(f[i], sets));
            }
          }
          case "utf8_detector" -> {
            utf8NotAfter = codePointSet(f[1]);
            for (int i = 2; i < f.length; i++) {
              utf8Run.add(CharSetSequence.parse(f[i], sets));
            }
          }
          case "ftfy_entity" -> ftfyEntities.put(f[1], text(f[2]));
          case "html5" -> html5.put(f[1], text(f[2]));
          case "width" -> width.put(Integer.parseInt(f[1], 16), text(f[2]));
          default -> throw new IOException(RESOURCE + ": unknown line kind " + f[0]);
        }
      }
    }
    if (badness.isEmpty() || utf8NotAfter == null) {
      throw new IOException(RESOURCE + " lacks the badness or utf8_detector patterns");
    }
    return new FtfyTables(charmaps, new FtfyPatterns(badness, utf8NotAfter, utf8Run), ftfyEntities,
        html5, width);
  }

  private static void fillRanges(String classBody, BitSet into) {
    Matcher m = CLASS_RANGE.matcher(classBody);
    while (m.find()) {
      int first = Integer.parseInt(m.group(1), 16);
      int last = m.group(2) == null ? first : Integer.parseInt(m.group(2), 16);
      into.set(first, last + 1);
    }
  }

  private static int[] codePoints(String hexes) {
    String[] parts = hexes.split(" ");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  private static String text(String hexes) {
    int[] codePoints = codePoints(hexes);
    return new String(codePoints, 0, codePoints.length);
  }

  /** Lazy holder: the tables are read when first used, once. */
  private static final class Holder {
    static final FtfyTables TABLES;

    static {
      try {
        TABLES = read();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
