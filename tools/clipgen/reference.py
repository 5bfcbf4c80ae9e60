"""Reference embeddings computed with torch on the generated weights, for the Java tests.

The image goes through Chinese-CLIP's preprocessing (torchvision Resize to size x size with
bicubic, then PIL convert('RGB'), ToTensor, Normalize with CLIP's mean/std); each text is tokenised as
[CLS] + one vocab id per character + [SEP], zero padded to 52 (the texts are chosen so that
every character is its own WordPiece). Embeddings are raw encoder outputs, not normalised.
"""
import json
import os
import re

import torch

from .model_config import CLIP_MEAN, CLIP_STD
from . import testdata
from .onnx_export import CONTEXT_LENGTH

DEFAULT_IMAGE = os.path.join(testdata.IMAGES, "pokemon.jpeg")
DEFAULT_VOCAB = testdata.VOCAB
TEXTS = ["皮卡丘", "杰尼龟", "一张小火龙的照片。"]
CLS_ID, SEP_ID, PAD_ID = 101, 102, 0


def preprocess(image_path, image_size):
    from PIL import Image
    from torchvision import transforms
    transform = transforms.Compose([
        transforms.Resize((image_size, image_size), interpolation=transforms.InterpolationMode.BICUBIC),
        lambda image: image.convert("RGB"),
        transforms.ToTensor(),
        transforms.Normalize(CLIP_MEAN, CLIP_STD)])
    with Image.open(image_path) as image:
        return transform(image).unsqueeze(0)


def token_ids(text, vocab_path):
    with open(vocab_path, encoding="utf-8") as f:
        vocab = {line.rstrip("\n"): i for i, line in enumerate(f)}
    missing = [c for c in text if c not in vocab]
    if missing:
        raise ValueError(f"characters not in {vocab_path}: {missing}")
    ids = [CLS_ID] + [vocab[c] for c in text] + [SEP_ID]
    return ids + [PAD_ID] * (CONTEXT_LENGTH - len(ids))


def _floats(tensor):
    # 9 significant digits restore every float32 exactly.
    return [float(f"{v:.9g}") for v in tensor.tolist()]


def compute(image_encoder, text_encoder, image_size, vocab_path, image_path=DEFAULT_IMAGE):
    """The reference document; either encoder may be None (its part is then left out)."""
    doc = {}
    with torch.no_grad():
        if image_encoder is not None:
            embedding = image_encoder(preprocess(image_path, image_size))[0]
            doc["image"] = {"file": os.path.basename(image_path), "embedding": _floats(embedding)}
        if text_encoder is not None:
            ids = [token_ids(t, vocab_path) for t in TEXTS]
            embeddings = text_encoder(torch.tensor(ids, dtype=torch.long))
            doc["texts"] = [{"text": t, "ids": i, "embedding": _floats(e)}
                            for t, i, e in zip(TEXTS, ids, embeddings)]
    return doc


def write(path, doc):
    """Writes the JSON with each number list on one line."""
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(x.strip() for x in m.group(1).split(",")) + "]", text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")
