#!/usr/bin/env python3
"""Writes the two tiny Hugging Face tokenizer.json fixtures of clipserve's tokenizer tests.

xlmr_tiny.json  AltCLIP-like: XLM-R SentencePiece Unigram, Metaspace pre-tokenizer,
                TemplateProcessing "<s> $A </s>", pad "<pad>" = 1 (the real file's normalizer is a
                Precompiled SentencePiece charsmap; NFKC stands in for it here).
clip_tiny.json  OpenAI-CLIP-like: byte-level BPE with "</w>" word ends, CLIP's split regex,
                NFC + whitespace collapse + lowercase normalizer, RobertaProcessing
                "<|startoftext|> $A <|endoftext|>".

The layouts follow the real files (FacebookAI/xlm-roberta-base as used by BAAI/AltCLIP,
openai/clip-vit-base-patch32); only the vocabularies are cut to a few words, so the expected
ids in HfTextTokenizerTest can be derived by hand (see the comments there).

Usage: python3 tools/make_tokenizer_fixtures.py
"""

import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "server", "src", "test", "resources", "tokenizers")


def added(token_id, content, lstrip=False, normalized=False):
    return {"id": token_id, "content": content, "single_word": False, "lstrip": lstrip,
            "rstrip": False, "normalized": normalized, "special": True}


def xlmr_tiny():
    pieces = [
        ("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0),
        ("\u2581", -2.0), ("\u2581a", -3.0), ("\u2581photo", -4.0), ("\u2581of", -3.5),
        ("\u2581cat", -4.0), ("\u2581the", -3.0), ("\u2581dog", -4.0), ("s", -3.0),
        ("\u2581\u4e00", -5.0), ("\u53ea", -5.0), ("\u732b", -5.0), ("\u7684", -5.0),
        ("\u7167\u7247", -5.0), (",", -3.0), (".", -3.0), ("<mask>", 0.0),
    ]
    mask_id = len(pieces) - 1
    single = [{"SpecialToken": {"id": "<s>", "type_id": 0}},
              {"Sequence": {"id": "A", "type_id": 0}},
              {"SpecialToken": {"id": "</s>", "type_id": 0}}]
    pair = single + [{"SpecialToken": {"id": "</s>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(0, "<s>"), added(1, "<pad>"), added(2, "</s>"), added(3, "<unk>"),
                         added(mask_id, "<mask>", lstrip=True)],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFKC"},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
        "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581",
                          "prepend_scheme": "always", "split": True},
        "post_processor": {"type": "TemplateProcessing", "single": single, "pair": pair,
                           "special_tokens": {
                               "<s>": {"id": "<s>", "ids": [0], "tokens": ["<s>"]},
                               "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}},
        "decoder": {"type": "Metaspace", "replacement": "\u2581",
                    "prepend_scheme": "always", "split": True},
        "model": {"type": "Unigram", "unk_id": 3, "vocab": [list(p) for p in pieces],
                  "byte_fallback": False},
    }


def bytes_to_unicode():
    """OpenAI CLIP's byte -> printable character table, in its vocabulary order."""
    bs = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1))
          + list(range(ord("\u00ae"), ord("\u00ff") + 1)))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return [chr(c) for c in cs]


def clip_tiny():
    alphabet = bytes_to_unicode()
    vocab = alphabet + [c + "</w>" for c in alphabet]
    merges = ["p h", "ph o", "pho t", "phot o</w>", "c a", "ca t</w>", "o f</w>",
              "t h", "th e</w>", "d o", "do g</w>", "ca t"]
    for merge in merges:
        vocab.append(merge.replace(" ", ""))
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    ids = {token: i for i, token in enumerate(vocab)}
    assert len(ids) == len(vocab)
    start, end = ids["<|startoftext|>"], ids["<|endoftext|>"]
    split = ("<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]"
             "|[^\\s\\p{L}\\p{N}]+")
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(start, "<|startoftext|>", normalized=True),
                         added(end, "<|endoftext|>")],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"},
            {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "},
            {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": split}, "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True,
             "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": ["<|endoftext|>", end],
                           "cls": ["<|startoftext|>", start], "trim_offsets": False,
                           "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True,
                    "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<|endoftext|>",
                  "continuing_subword_prefix": "", "end_of_word_suffix": "</w>",
                  "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": ids, "merges": merges},
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, build in (("xlmr_tiny.json", xlmr_tiny), ("clip_tiny.json", clip_tiny)):
        path = os.path.join(OUT, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(build(), f, ensure_ascii=False, indent=1)
            f.write("\n")
        print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
