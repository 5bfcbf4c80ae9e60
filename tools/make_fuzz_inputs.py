#!/usr/bin/env python3
"""Writes the small committed inputs the Jazzer harnesses in fuzz/ start from.

Usage: python3 tools/make_fuzz_inputs.py   (Pillow, e.g. Debian's python3-pil; rewrites the Inputs)

One tiny file per image format and Pillow mode the decoders handle, texts that reach the
tokenizers' corner cases, and config.pbtxt variants. Fuzzing grows its own corpus from these
(fuzz/.cifuzz-corpus, not committed); inputs of findings are added here by hand.
"""
import io
import pathlib

from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent
INPUTS = ROOT / "fuzz/src/test/resources/io/clipserve/fuzz"


def gradient(mode, size=(12, 9)):
    image = Image.new("RGB", size)
    image.putdata([(x * 20 % 256, y * 28 % 256, (x + y) * 11 % 256)
                   for y in range(size[1]) for x in range(size[0])])
    return image.convert(mode) if mode != "RGB" else image


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def images():
    rgb = gradient("RGB")
    frames = [gradient("P"), gradient("P", (12, 9)).rotate(90)]
    return {
        "baseline.jpg": encode(rgb, "JPEG", quality=80),
        "progressive.jpg": encode(rgb, "JPEG", quality=80, progressive=True),
        "q444.jpg": encode(rgb, "JPEG", quality=90, subsampling=0),
        "gray.jpg": encode(gradient("L"), "JPEG"),
        "cmyk.jpg": encode(gradient("CMYK"), "JPEG"),
        "rgb.png": encode(rgb, "PNG"),
        "rgba.png": encode(gradient("RGBA"), "PNG"),
        "la.png": encode(gradient("LA"), "PNG"),
        "palette_trns.png": encode(gradient("P"), "PNG", transparency=0),
        "gray16.png": encode(gradient("L").convert("I").point(lambda v: v * 250), "PNG"),
        "bilevel.png": encode(gradient("1"), "PNG"),
        "palette.gif": encode(gradient("P"), "GIF"),
        "animated.gif": encode(frames[0], "GIF", save_all=True, append_images=frames[1:]),
        "rgb24.bmp": encode(rgb, "BMP"),
        "palette.bmp": encode(gradient("P"), "BMP"),
        "bilevel.bmp": encode(gradient("1"), "BMP"),
    }


TEXTS = {
    "chinese.txt": "一只猫坐在垫子上",
    "english.txt": "A photo of a cat, sitting on a mat!",
    "accents.txt": "Ça café naïve résumé Ångström",
    "mixed.txt": "北京 Beijing 2024年 😀 \u200b\u0301x [CLS] [SEP] <|endoftext|>",
    "controls.txt": "tab\tnew\nline\r\u0000null \ufeffbom \u00a0nbsp",
    "long_word.txt": "supercalifragilistic" * 12,
}

CONFIGS = {
    "bundled.pbtxt": (ROOT / "model-repository/cn-clip-tiny/config.pbtxt").read_text(),
    "minimal.pbtxt": 'name: "m" embedding_dim: 4 image_encoder {}\n',
    "text_only.pbtxt": 'name: "m" family: CHINESE_CLIP embedding_dim: 8\n'
                       'text_encoder { tokenizer { file: "vocab.txt" lowercase: true } }\n',
    "tensorrt.pbtxt": 'name: "m" embedding_dim: 4 image_encoder { backend: TENSORRT '
                      'tensorrt_fp16: true file: "image.onnx" }\n',
    "policies.pbtxt": 'name: "m" embedding_dim: 4 image_encoder {}\n'
                      'version_policy { specific { versions: [1, 3] } }\n'
                      'dynamic_batching { preferred_batch_size: [4, 8] max_queue_size: 16 }\n'
                      'zero_shot_templates: ["a photo of {}", "{}"]\n',
}


def write(directory, files):
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (directory / name).write_bytes(data)


def main():
    write(INPUTS / "ImageDecoderFuzzTestInputs", images())
    write(INPUTS / "TokenizerFuzzTestInputs/text", TEXTS)
    vocab = (ROOT / "model-repository/cn-clip-tiny/vocab.txt").read_text().splitlines()
    specials = [t for t in vocab if t.startswith("[")][:8]
    write(INPUTS / "TokenizerFuzzTestInputs/vocabFile",
          {"small_vocab.txt": "\n".join(specials + ["cat", "##s", "一", "只"]) + "\n"})
    write(INPUTS / "TokenizerFuzzTestInputs/tokenizerJsonFile",
          {"xlmr_tiny.json": (ROOT / "server/src/test/resources/tokenizers/xlmr_tiny.json").read_bytes()})
    write(INPUTS / "ModelConfigFuzzTestInputs", CONFIGS)


if __name__ == "__main__":
    main()
