#!/usr/bin/env python3
"""ftfy's tables for clipserve's Java port, and open_clip's token ids for its tests.

Writes two files from the installed ftfy and open_clip (``pip install open_clip_torch ftfy regex``):

- server/src/main/resources/io/clipserve/server/preprocess/text/ftfy/ftfy-tables.txt: the data
  ``ftfy.fix_text`` runs on (the single-byte codecs' decoding tables, the badness and UTF-8
  detector regexes as sequences of character sets, HTML entity tables and the width map), so that the Java port copies ftfy's data instead of retyping it;
- server/src/test/resources/reference/tokens/open_clip.json: every text of the corpus built here
  (tools/texts/tokenizer_cases.json plus mojibake in ten codecs, quotes, widths, ligatures,
  entities, control characters, special-token strings, long texts) with what ``ftfy.fix_text``,
  open_clip's ``basic_clean`` and open_clip's ``SimpleTokenizer`` (context 77) make of it.

open_clip's package import pulls in torchvision; only open_clip/tokenizer.py is loaded here, so a
torch/torchvision mismatch does not matter. Usage: python3 tools/reference_open_clip.py

With --stdin it writes nothing: it reads a JSON list of texts on stdin and prints, as JSON, what
ftfy.fix_text and open_clip make of each ({"fixed", "cleaned", "ids"}); OpenClipLiveTest runs it
on texts it generates.
"""

import html
import html.entities
import importlib.util
from importlib.metadata import version
import json
import os
import re
import sys
import unicodedata

import ftfy
from ftfy import badness, chardata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "server", "src", "main", "resources", "io", "clipserve", "server",
                      "preprocess", "text", "ftfy", "ftfy-tables.txt")
FIXTURE = os.path.join(ROOT, "server", "src", "test", "resources", "reference", "tokens",
                       "open_clip.json")
CASES = os.path.join(ROOT, "tools", "texts", "tokenizer_cases.json")


def load_open_clip_tokenizer():
    """open_clip/tokenizer.py alone, without open_clip/__init__.py (which imports torchvision)."""
    spec = importlib.util.find_spec("open_clip")
    path = os.path.join(spec.submodule_search_locations[0], "tokenizer.py")
    module_spec = importlib.util.spec_from_file_location("open_clip_tokenizer", path)
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


def ranges(predicate):
    """Code point ranges [(first, last)] of every code point where predicate holds."""
    return ranges_of(cp for cp in range(sys.maxunicode + 1) if predicate(cp))


def ranges_of(code_points):
    out = []
    for cp in code_points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def class_body(code_points):
    """A sorted set of code points as ranges: "\\x{41}-\\x{5A}\\x{5F}"."""
    return "".join("\\x{%X}" % a if a == b else "\\x{%X}-\\x{%X}" % (a, b)
                   for a, b in ranges_of(sorted(code_points)))


class PatternShapes:
    """ftfy's two large regexes as plain data for FtfyPatterns.java, read with re's own parser
    (Python 3.11), so that Java tests set membership instead of running java.util.regex over
    classes of hundreds of characters. Fails loudly on any construct the Java side does not run."""

    def __init__(self, space, word):
        from re import _constants, _parser
        self.c, self.parser = _constants, _parser
        self.space = {cp for a, b in space for cp in range(a, b + 1)}
        self.word = {cp for a, b in word for cp in range(a, b + 1)}

    def chars(self, op, av):
        c = self.c
        if op == c.LITERAL:
            return {av}
        if op == c.ANY:  # '.': anything but a newline
            return set(range(sys.maxunicode + 1)) - {10}
        if op != c.IN:
            sys.exit("unexpected regex item %s" % op)
        out, negate = set(), False
        for iop, iav in av:
            if iop == c.NEGATE:
                negate = True
            elif iop == c.LITERAL:
                out.add(iav)
            elif iop == c.RANGE:
                out.update(range(iav[0], iav[1] + 1))
            elif iop == c.CATEGORY and iav == c.CATEGORY_SPACE:
                out |= self.space
            elif iop == c.CATEGORY and iav == c.CATEGORY_WORD:
                out |= self.word
            else:
                sys.exit("unexpected class item %s" % iop)
        return set(range(sys.maxunicode + 1)) - out if negate else out

    def sequence(self, items):
        """One alternative: items "^", "1:<class>" (one character) or "?:<class>" (zero or one)."""
        c, out = self.c, []
        for op, av in items:
            if op == c.AT and av == c.AT_BEGINNING:
                out.append("^")
            elif op == c.MAX_REPEAT and (av[0], av[1]) == (0, 1) and len(av[2]) == 1:
                out.append("?:" + class_body(self.chars(*av[2][0])))
            elif op == c.MAX_REPEAT and av[0] == av[1] and len(av[2]) == 1:
                out.extend(["1:" + class_body(self.chars(*av[2][0]))] * av[0])
            else:
                out.append("1:" + class_body(self.chars(op, av)))
        return " ".join(out)

    def badness(self, pattern):
        """badness<TAB>alternative<TAB>alternative...: the pattern is one top-level alternation."""
        (op, av), = self.parser.parse(pattern, re.VERBOSE).data
        if op != self.c.BRANCH:
            sys.exit("BADNESS_RE is no longer one alternation")
        return "badness\t" + "\t".join(self.sequence(list(a)) for a in av[1])

    def utf8_detector(self, pattern):
        """utf8_detector<TAB>look-behind class<TAB>alternative...: (?<![..])(alt|alt|alt)+."""
        c = self.c
        (bop, bav), (rop, rav) = self.parser.parse(pattern, re.VERBOSE).data
        if bop != c.ASSERT_NOT or rop != c.MAX_REPEAT or rav[:2] != (1, c.MAXREPEAT):
            sys.exit("UTF8_DETECTOR_RE no longer has the shape (?<![..])(...)+")
        (behind_op, behind_av), = bav[1]
        (gop, gav), = rav[2]
        (aop, aav), = gav[3]
        if gop != c.SUBPATTERN or aop != c.BRANCH:
            sys.exit("UTF8_DETECTOR_RE's group is no longer one alternation")
        return "utf8_detector\t%s\t%s" % (class_body(self.chars(behind_op, behind_av)),
                                            "\t".join(self.sequence(list(a)) for a in aav[1]))


def hexes(s):
    return " ".join("%X" % ord(c) for c in s)


def write_tables():
    space = ranges(lambda cp: chr(cp).isspace())
    word = ranges(lambda cp: re.match(r"\w", chr(cp)) is not None)
    shapes = PatternShapes(space, word)
    lines = ["# Generated by tools/reference_open_clip.py from ftfy %s on Python %s (Unicode %s)."
             % (ftfy.__version__, sys.version.split()[0], unicodedata.unidata_version),
             "# Do not edit: regenerate. Fields are tab-separated; characters are hex code points."]
    for encoding in chardata.CHARMAP_ENCODINGS:
        table = bytes(range(256)).decode(encoding)
        if len(set(table)) != 256:
            sys.exit("%s maps two bytes to one character" % encoding)
        lines.append("charmap\t%s\t%s" % (encoding, hexes(table)))
    lines.append(shapes.badness(badness.BADNESS_RE.pattern))
    lines.append(shapes.utf8_detector(chardata.UTF8_DETECTOR_RE.pattern))
    for name, value in sorted(chardata.HTML_ENTITIES.items()):
        lines.append("ftfy_entity\t%s\t%s" % (name, hexes(value)))
    for name, value in sorted(html.entities.html5.items()):
        lines.append("html5\t%s\t%s" % (name, hexes(value)))
    for cp, value in sorted(chardata.WIDTH_MAP.items()):
        lines.append("width\t%X\t%s" % (cp, hexes(value)))
    os.makedirs(os.path.dirname(TABLES), exist_ok=True)
    with open(TABLES, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote %s" % os.path.relpath(TABLES, ROOT))


SENTENCES = [
    "café crème brûlée", "Größe und Weiß", "¿Dónde está el niño?", "Zażółć gęślą jaźń",
    "Příliš žluťoučký kůň", "Съешь же ещё этих мягких булок", "Γειά σου Κόσμε",
    "Çok güzel bir ağaç", "Ķekava un Ļaudona", "naïve façade – “quoted” ‘text’ …",
    "price: 5 € or £4", "a photo of a 猫", "東京タワーの写真", "한국어 사진", "emoji 😀 🐈 👍🏽",
    "über das Eis", "l’été à Paris", "São Paulo às três", "Æble og ø", "½ cup, 2° hotter",
    "™ and ©", "señor • bullet", "déjà vu", "Ελλάδα", "Москва",
]
ENCODINGS = ["windows-1252", "latin-1", "windows-1251", "windows-1250", "windows-1253",
             "windows-1254", "windows-1257", "iso-8859-2", "macroman", "cp437"]

HAND_CASES = [
    ("entity_amp", "Tom &amp; Jerry"), ("entity_double", "Tom &amp;amp; Jerry"),
    ("entity_lt_gt", "&lt;b&gt;bold&lt;/b&gt;"), ("entity_numeric", "it&#39;s &#x27;ok&#x27;"),
    ("entity_emoji", "cat &#128049; &#x1F600;"), ("entity_invalid_zero", "a&#0;b"),
    ("entity_too_big", "a&#x110000;b &#99999999999999999999;"), ("entity_surrogate", "&#xD800;x"),
    ("entity_c1", "&#128; &#150; &#x9F;"), ("entity_noncharacter", "x&#xFFFF;y&#1;z"),
    ("entity_no_semicolon", "&ampx &copy2024 &notit; &notin;"), ("entity_upper", "&AMP; &EACUTE; &Eacute;"),
    ("entity_unknown", "&bogus; &#xZZ; & alone"), ("entity_with_lt", "a < b &amp; c"),
    ("entity_lt_next_line", "x < y\nTom &amp; Jerry"), ("entity_long_name", "&" + "a" * 40 + ";"),
    ("entity_nbsp", "a&nbsp;b&NBSP;c"), ("entity_triple", "&amp;amp;amp;lt;"),
    ("curly_quotes", "don’t “stop” ‘me’ ‚low‛ „dbl‟"), ("modifier_apostrophe", "Hawaiʻi isnʼt"),
    ("fullwidth", "ＡＢＣ　ｆｕｌｌ　ｗｉｄｔｈ　１２３！"), ("halfwidth_katakana", "ｶﾀｶﾅ ﾃｽﾄ"),
    ("ligatures", "ﬁne ﬂower ﬀ ﬃ ﬄ ﬅ ﬆ Ĳ ĳ ǅ ǈ ǋ ŉ"), ("bom_start", "\ufeffhello"),
    ("bom_middle", "hel\ufefflo"), ("ftfy_control_chars", "a\x00b\x01c\x07d\x0be\x1bf\x7fg"),
    ("ftfy_c1_controls", "caf\x82 \x93quoted\x94 \x80"), ("terminal_escape", "\x1b[31mred\x1b[0m text"),
    ("line_breaks", "one\r\ntwo\rthree\u2028four\u2029five\x85six"),
    ("tabs_and_spaces", "  a\t\tb \u3000 c\u00a0d\u2003e  "), ("bidi_marks", "a\u200eb\u202ec\u2066d"),
    ("ftfy_zero_width", "a\u200bb\u200cc\u200dd\u2060e"), ("interlinear", "a\ufff9b\ufffac\ufffbd"),
    ("ftfy_lone_surrogate", "a\ud800b"), ("surrogate_pair_escaped", "x\ud83d\ude00y"),
    ("special_eot_typed", "a <|endoftext|> b"), ("special_sot_typed", "<|startoftext|>hello"),
    ("special_open_clip_sot", "<start_of_text> cat"), ("special_open_clip_eot", "dog <end_of_text> cat"),
    ("special_upper", "<START_OF_TEXT>x<End_Of_Text>"), ("special_glued", "a<end_of_text>b<|endoftext|>c"),
    ("turkish_i", "İstanbul ISTANBUL ı"), ("final_sigma", "ΟΔΟΣ ΣΟΦΟΣ Σ"),
    ("ypogegrammeni", "ᾳ ͅ ᾼ"), ("combining", "e\u0301 a\u0308 n\u0303"), ("nfc_hangul", "\u1100\u1161"),
    ("german_sharp", "STRASSE Straße ẞ"), ("digits_mixed", "١٢٣ ４５ Ⅻ ½ ²"),
    ("apostrophe_forms", "we'll they're I've she'd you're I'M"),
    ("punct_runs", "wow!!! ... ??? --- ***"), ("ftfy_empty", ""), ("spaces_only", "   \t\n  "),
    ("html_tags", "<b>bold</b> &amp; <i>it</i>"), ("mixed_newline_html", "a &amp; b\n<c> &amp; d"),
    ("a_grave", "voil\u00c3\u00a0 \u00c3 quele"), ("nbsp_mojibake", "caf\u00c3\u00a9 \u00c2\u00a0x"),
    ("sloppy_replacement", "caf\u00c3\ufffd"), ("mojibake_in_good_text", "Le caf\u00c3\u00a9 est très bon"),
    ("double_mojibake", "cafÃƒÂ©"), ("emoji_mojibake", "ðŸ˜€ smile"), ("cesu8", "\u00ed\u00a0\u00bd\u00ed\u00b8\u0080"),
    ("java_null", "a\u00c0\u0080b"), ("macroman_quote", "‚Äúquoted‚Äù"),
    ("windows_1251_mojibake", "РџСЂРёРІРµС‚"), ("box_kaomoji", "╯°□°）╯︵ ┻━┻"),
    ("math", "∑ √ ∞ ≈ ≠ ≤ ≥"), ("long_cjk", "我" * 100), ("long_words", "photograph " * 60),
    ("long_mixed", "A photo of a dog, " * 20 + "&amp; more"), ("long_emoji", "😀" * 80),
    ("exactly_75_tokens", " ".join(["cat"] * 75)), ("exactly_76_tokens", " ".join(["cat"] * 76)),
]


def mojibake_cases():
    cases = []
    for i, sentence in enumerate(SENTENCES):
        for encoding in ENCODINGS:
            try:
                broken = sentence.encode("utf-8").decode(encoding)
            except UnicodeDecodeError:
                continue
            cases.append(("mojibake_%s_%02d" % (encoding, i), broken))
    return cases


def reference(module, tokenizer, text):
    return {"fixed": ftfy.fix_text(text), "cleaned": module._clean_lower(text),
            "ids": tokenizer([text])[0].tolist()}


def main():
    tokenizer_module = load_open_clip_tokenizer()
    tokenizer = tokenizer_module.SimpleTokenizer()
    if sys.argv[1:] == ["--stdin"]:
        texts = json.load(sys.stdin)
        json.dump([reference(tokenizer_module, tokenizer, t) for t in texts], sys.stdout)
        return
    write_tables()
    with open(CASES, encoding="utf-8") as f:
        cases = [(c["name"], c["text"] if "text" in c else
                  "".join(piece * count for piece, count in c["repeat"])) for c in json.load(f)]
    cases += HAND_CASES + mojibake_cases()
    names = [name for name, _ in cases]
    if len(set(names)) != len(names):
        sys.exit("duplicate case names")
    out = {
        "generator": "tools/reference_open_clip.py (open_clip SimpleTokenizer, clean='lower')",
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "open_clip_torch": version("open_clip_torch"),
        "ftfy": ftfy.__version__,
        "regex": version("regex"),
        "context_length": tokenizer.context_length,
        "cases": [],
    }
    for name, text in cases:
        record = {"name": name, "text": text}
        record.update(reference(tokenizer_module, tokenizer, text))
        out["cases"].append(record)
    with open(FIXTURE, "w", encoding="ascii") as f:
        json.dump(out, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.relpath(FIXTURE, ROOT)))


if __name__ == "__main__":
    main()
