#!/usr/bin/env python3
"""Python's view of the Unicode facts BERT's tokenizer uses, for UnicodeCategoriesTest.

For every code point: the character classes BertBasicTokenizer asks about (as ranges), whether
the code point is assigned, its str.lower() and its NFD where they differ from itself (Hangul
syllables left out: their NFD is algorithmic). The test checks that the JDK agrees everywhere
except at code points one side's Unicode version does not know.

Writes server/src/test/resources/reference/unicode/python_unicode.json.
Usage: python3 tools/reference_unicode.py
"""

import json
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = os.path.join(ROOT, "server", "src", "test", "resources", "reference", "unicode",
                      "python_unicode.json")
MAX = 0x10FFFF


def ranges(predicate):
    out = []
    start = None
    for cp in range(MAX + 2):
        inside = cp <= MAX and predicate(cp)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append([start, cp - 1])
            start = None
    return out


def category(cp):
    return unicodedata.category(chr(cp))


def main():
    predicates = {
        "control_or_format": lambda cp: category(cp) in ("Cc", "Cf"),
        "space_separator": lambda cp: category(cp) == "Zs",
        "non_spacing_mark": lambda cp: category(cp) == "Mn",
        "punctuation_category": lambda cp: category(cp).startswith("P"),
        "python_space": lambda cp: chr(cp).isspace(),
        "assigned": lambda cp: category(cp) != "Cn",
    }
    lower = []
    nfd = []
    for cp in range(MAX + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if ch.lower() != ch:
            lower.append([cp, [ord(c) for c in ch.lower()]])
        if not 0xAC00 <= cp <= 0xD7A3 and unicodedata.normalize("NFD", ch) != ch:
            nfd.append([cp, [ord(c) for c in unicodedata.normalize("NFD", ch)]])
    out = {
        "generator": "tools/reference_unicode.py",
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "ranges": {name: ranges(p) for name, p in predicates.items()},
        "lower": lower,
        "nfd": nfd,
    }
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="ascii") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.relpath(OUTPUT, ROOT))


if __name__ == "__main__":
    main()
