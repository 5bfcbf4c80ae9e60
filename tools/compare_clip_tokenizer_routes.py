#!/usr/bin/env python3
"""Counts how many corpus texts each OpenAI CLIP text route tokenizes as open_clip does.

Builds a Hugging Face CLIP tokenizer.json from open_clip's own vocabulary (CLIPTokenizerFast over
the same merges, specials spelled <|startoftext|>/<|endoftext|>) and compares, over every text of
server/src/test/resources/reference/tokens/open_clip.json, open_clip's ids with:
  raw:        tokenizer.json on the raw text (the route clipserve offered before OPENAI_CLIP_BPE);
  cleaned:    open_clip's cleaning (ftfy + html + whitespace + lower) first, then tokenizer.json;
  cleaned-ns: the same with special tokens in the text read as text (encode_special_tokens).
Needs open_clip_torch, ftfy, regex, transformers, tokenizers. Usage:
python3 tools/compare_clip_tokenizer_routes.py
"""
import json
import os
import sys
import tempfile

from transformers import CLIPTokenizerFast

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_open_clip import FIXTURE, load_open_clip_tokenizer  # noqa: E402


def main():
    module = load_open_clip_tokenizer()
    simple = module.SimpleTokenizer()
    rename = {"<start_of_text>": "<|startoftext|>", "<end_of_text>": "<|endoftext|>"}
    vocab = {rename.get(k, k): v for k, v in simple.encoder.items()}
    merges = sorted(simple.bpe_ranks, key=simple.bpe_ranks.get)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(vocab, f)
        with open(os.path.join(tmp, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n" + "\n".join(" ".join(m) for m in merges) + "\n")
        fast = CLIPTokenizerFast(os.path.join(tmp, "vocab.json"), os.path.join(tmp, "merges.txt"))
    backend = fast.backend_tokenizer
    backend.enable_truncation(77)
    cases = json.load(open(FIXTURE, encoding="ascii"))["cases"]

    def ids(text):
        try:
            out = backend.encode(text).ids
        except TypeError:  # a lone surrogate: Rust strings cannot hold one
            return None
        return out + [0] * (77 - len(out))

    counts = {"raw": 0, "cleaned": 0, "cleaned-ns": 0}
    misses = {k: [] for k in counts}
    for case in cases:
        expected = case["ids"]
        cleaned = module._clean_lower(case["text"])
        backend.encode_special_tokens = False
        results = {"raw": ids(case["text"]), "cleaned": ids(cleaned)}
        backend.encode_special_tokens = True
        results["cleaned-ns"] = ids(cleaned)
        for route, got in results.items():
            if got == expected:
                counts[route] += 1
            else:
                misses[route].append(case["name"])
    for route, n in counts.items():
        print("%-11s %d of %d exact; e.g. %s" % (route, n, len(cases), misses[route][:6]))


if __name__ == "__main__":
    main()
