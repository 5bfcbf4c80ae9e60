#!/usr/bin/env python3
"""Reference token ids for clipserve's Chinese-CLIP / QA-CLIP tokenizer tests.

Runs a faithful pure-Python copy of the tokenizer Chinese-CLIP ships
(cn_clip/clip/bert_tokenizer.py, itself Google BERT's tokenization.py, Apache-2.0)
and Chinese-CLIP's ``tokenize()`` wrapping over the cases in
tools/texts/tokenizer_cases.json, and writes the expected ids, tokens and truncation flag to
server/src/test/resources/reference/tokens/chinese_clip.json (do_lower_case=True, as Chinese-CLIP
runs it), chinese_clip_cased.json (do_lower_case=False, for the cased code path) and
chinese_clip_77_pad1.json (lower-cased, 77 tokens padded with id 1: what the attention-mask probe
model probe-text-mask-77 is fed).

Chinese-CLIP's copy differs from Google's tokenization.py in two places, both kept here
because the models were trained with it: ``_is_control`` drops only categories Cc and Cf
(Google: every category starting with "C"), and ``_is_chinese_char`` also covers
U+2B820..U+2CEAF (CJK Extension E).

Usage: python3 tools/reference_tokens.py [--vocab PATH]
"""

import argparse
import collections
import hashlib
import json
import os
import sys
import unicodedata

from clipgen import testdata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = os.path.join(ROOT, "tools", "texts", "tokenizer_cases.json")
OUTPUT_DIR = os.path.join(ROOT, "server", "src", "test", "resources", "reference", "tokens")
CONTEXT_LENGTH = 52


# ---- Chinese-CLIP cn_clip/clip/bert_tokenizer.py (Google BERT tokenization.py), verbatim logic ----

def load_vocab(vocab_file):
    """Loads a vocabulary file into a dictionary."""
    vocab = collections.OrderedDict()
    index = 0
    with open(vocab_file, "r", encoding="utf-8") as reader:
        while True:
            token = reader.readline()
            if not token:
                break
            token = token.strip()
            vocab[token] = index
            index += 1
    return vocab


def convert_by_vocab(vocab, items):
    """Converts a sequence of [tokens|ids] using the vocab."""
    output = []
    for item in items:
        output.append(vocab[item])
    return output


def whitespace_tokenize(text):
    """Runs basic whitespace cleaning and splitting on a piece of text."""
    text = text.strip()
    if not text:
        return []
    tokens = text.split()
    return tokens


class FullTokenizer(object):
    """Runs end-to-end tokenziation."""

    def __init__(self, vocab_file, do_lower_case=True):
        self.vocab = load_vocab(vocab_file)
        self.basic_tokenizer = BasicTokenizer(do_lower_case=do_lower_case)
        self.wordpiece_tokenizer = WordpieceTokenizer(vocab=self.vocab)

    def tokenize(self, text):
        split_tokens = []
        for token in self.basic_tokenizer.tokenize(text):
            for sub_token in self.wordpiece_tokenizer.tokenize(token):
                split_tokens.append(sub_token)
        return split_tokens

    def convert_tokens_to_ids(self, tokens):
        return convert_by_vocab(self.vocab, tokens)


class BasicTokenizer(object):
    """Runs basic tokenization (punctuation splitting, lower casing, etc.)."""

    def __init__(self, do_lower_case=True):
        self.do_lower_case = do_lower_case

    def tokenize(self, text):
        """Tokenizes a piece of text."""
        text = self._clean_text(text)
        text = self._tokenize_chinese_chars(text)
        orig_tokens = whitespace_tokenize(text)
        split_tokens = []
        for token in orig_tokens:
            if self.do_lower_case:
                token = token.lower()
                token = self._run_strip_accents(token)
            split_tokens.extend(self._run_split_on_punc(token))
        output_tokens = whitespace_tokenize(" ".join(split_tokens))
        return output_tokens

    def _run_strip_accents(self, text):
        """Strips accents from a piece of text."""
        text = unicodedata.normalize("NFD", text)
        output = []
        for char in text:
            cat = unicodedata.category(char)
            if cat == "Mn":
                continue
            output.append(char)
        return "".join(output)

    def _run_split_on_punc(self, text):
        """Splits punctuation on a piece of text."""
        chars = list(text)
        i = 0
        start_new_word = True
        output = []
        while i < len(chars):
            char = chars[i]
            if _is_punctuation(char):
                output.append([char])
                start_new_word = True
            else:
                if start_new_word:
                    output.append([])
                start_new_word = False
                output[-1].append(char)
            i += 1
        return ["".join(x) for x in output]

    def _tokenize_chinese_chars(self, text):
        """Adds whitespace around any CJK character."""
        output = []
        for char in text:
            cp = ord(char)
            if self._is_chinese_char(cp):
                output.append(" ")
                output.append(char)
                output.append(" ")
            else:
                output.append(char)
        return "".join(output)

    def _is_chinese_char(self, cp):
        """Checks whether CP is the codepoint of a CJK character."""
        if ((cp >= 0x4E00 and cp <= 0x9FFF) or
                (cp >= 0x3400 and cp <= 0x4DBF) or
                (cp >= 0x20000 and cp <= 0x2A6DF) or
                (cp >= 0x2A700 and cp <= 0x2B73F) or
                (cp >= 0x2B740 and cp <= 0x2B81F) or
                (cp >= 0x2B820 and cp <= 0x2CEAF) or
                (cp >= 0xF900 and cp <= 0xFAFF) or
                (cp >= 0x2F800 and cp <= 0x2FA1F)):
            return True
        return False

    def _clean_text(self, text):
        """Performs invalid character removal and whitespace cleanup on text."""
        output = []
        for char in text:
            cp = ord(char)
            if cp == 0 or cp == 0xfffd or _is_control(char):
                continue
            if _is_whitespace(char):
                output.append(" ")
            else:
                output.append(char)
        return "".join(output)


class WordpieceTokenizer(object):
    """Runs WordPiece tokenziation."""

    def __init__(self, vocab, unk_token="[UNK]", max_input_chars_per_word=200):
        self.vocab = vocab
        self.unk_token = unk_token
        self.max_input_chars_per_word = max_input_chars_per_word

    def tokenize(self, text):
        """Greedy longest-match-first WordPiece."""
        output_tokens = []
        for token in whitespace_tokenize(text):
            chars = list(token)
            if len(chars) > self.max_input_chars_per_word:
                output_tokens.append(self.unk_token)
                continue
            is_bad = False
            start = 0
            sub_tokens = []
            while start < len(chars):
                end = len(chars)
                cur_substr = None
                while start < end:
                    substr = "".join(chars[start:end])
                    if start > 0:
                        substr = "##" + substr
                    if substr in self.vocab:
                        cur_substr = substr
                        break
                    end -= 1
                if cur_substr is None:
                    is_bad = True
                    break
                sub_tokens.append(cur_substr)
                start = end
            if is_bad:
                output_tokens.append(self.unk_token)
            else:
                output_tokens.extend(sub_tokens)
        return output_tokens


def _is_whitespace(char):
    """Checks whether `chars` is a whitespace character."""
    if char == " " or char == "\t" or char == "\n" or char == "\r":
        return True
    cat = unicodedata.category(char)
    if cat == "Zs":
        return True
    return False


def _is_control(char):
    """Checks whether `chars` is a control character (Chinese-CLIP: Cc and Cf only)."""
    if char == "\t" or char == "\n" or char == "\r":
        return False
    cat = unicodedata.category(char)
    if cat in ("Cc", "Cf"):
        return True
    return False


def _is_punctuation(char):
    """Checks whether `chars` is a punctuation character."""
    cp = ord(char)
    if ((cp >= 33 and cp <= 47) or (cp >= 58 and cp <= 64) or
            (cp >= 91 and cp <= 96) or (cp >= 123 and cp <= 126)):
        return True
    cat = unicodedata.category(char)
    if cat.startswith("P"):
        return True
    return False


# ---- Chinese-CLIP cn_clip/clip/utils.py tokenize(), for one text ----

def chinese_clip_tokenize(tokenizer, text, context_length, pad_id=0):
    pieces = tokenizer.tokenize(text)
    kept = pieces[:context_length - 2]
    tokens = ["[CLS]"] + kept + ["[SEP]"]
    ids = [tokenizer.vocab["[CLS]"]] + tokenizer.convert_tokens_to_ids(kept) + [tokenizer.vocab["[SEP]"]]
    ids += [pad_id] * (context_length - len(ids))
    return {"ids": ids, "tokens": tokens, "truncated": len(pieces) > len(kept)}


def expand(case):
    """A case gives "text", or "repeat": [[piece, count], ...] for long texts."""
    if "text" in case:
        return case["text"]
    return "".join(piece * count for piece, count in case["repeat"])


def write(path, vocab, vocab_sha, lowercase, cases, context_length=CONTEXT_LENGTH, pad_id=0):
    tokenizer = FullTokenizer(vocab, do_lower_case=lowercase)
    out = {
        "generator": "tools/reference_tokens.py (Chinese-CLIP bert_tokenizer.py, do_lower_case=%s)"
                     % lowercase,
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "vocab_sha256": vocab_sha,
        "lowercase": lowercase,
        "context_length": context_length,
        "pad_id": pad_id,
        "cases": [],
    }
    for case in cases:
        text = expand(case)
        record = {"name": case["name"], "text": text}
        record.update(chinese_clip_tokenize(tokenizer, text, context_length, pad_id))
        out["cases"].append(record)
    with open(path, "w", encoding="ascii") as f:
        json.dump(out, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.relpath(path, ROOT)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", default=testdata.VOCAB)
    args = parser.parse_args()

    with open(CASES, encoding="utf-8") as f:
        cases = json.load(f)
    names = [c["name"] for c in cases]
    if len(set(names)) != len(names):
        sys.exit("duplicate case names")
    with open(args.vocab, "rb") as f:
        vocab_sha = hashlib.sha256(f.read()).hexdigest()
    os.makedirs(OUTPUT_DIR, exist_ok=True)
    write(os.path.join(OUTPUT_DIR, "chinese_clip.json"), args.vocab, vocab_sha, True, cases)
    write(os.path.join(OUTPUT_DIR, "chinese_clip_cased.json"), args.vocab, vocab_sha, False, cases)
    write(os.path.join(OUTPUT_DIR, "chinese_clip_77_pad1.json"), args.vocab, vocab_sha, True, cases,
          context_length=77, pad_id=1)


if __name__ == "__main__":
    main()
