"""Writes config.pbtxt (text format of clipserve.v1.ModelConfig) and checks that it parses.

Configs are built as nested lists of (field, value) pairs and rendered in the layout of the
bundled model's config (repeated scalars as [a, b], one field per line). The check compiles the
repository's model_config.proto with protoc and parses the file with google.protobuf.text_format,
so a misspelt field or enum fails here rather than in the server.
"""
import functools
import importlib
import os
import re
import subprocess
import sys
import tempfile
import textwrap

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROTO_ROOT = os.path.join(REPO_ROOT, "proto", "src", "main", "proto")
PROTO_FILE = "clipserve/v1/model_config.proto"
MODEL_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]


class Enum(str):
    """An enum value: rendered bare, not quoted."""


def _scalar(value):
    if isinstance(value, Enum):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def image_encoder(image_size, resize, max_batch_size, file="image.onnx", input="image",
                  output="unnorm_image_features"):
    return [("file", file), ("backend", Enum("ONNXRUNTIME")), ("input", input), ("output", output),
            ("image_size", image_size), ("resize", Enum(resize)), ("mean", CLIP_MEAN), ("std", CLIP_STD),
            ("output_normalized", False), ("max_batch_size", max_batch_size), ("instance_count", 1)]


def text_encoder(max_batch_size, context_length=52, pad_id=0, input_type="INT64",
                 attention_mask_input=None, file="text.onnx", input="text",
                 output="unnorm_text_features", instance_count=2):
    """Text encoder fields. Two instances by default (each on half the cores): a text execution is
    too small to keep all intra-op threads busy, and on 2 cores two one-thread executions served
    ~5 % more texts than one two-thread execution (docs/batching-and-performance.md)."""
    fields = [("file", file), ("backend", Enum("ONNXRUNTIME")), ("input", input),
              ("input_type", Enum(input_type))]
    if attention_mask_input:
        fields.append(("attention_mask_input", attention_mask_input))
    return fields + [
        ("output", output), ("output_normalized", False),
        ("tokenizer", [("kind", Enum("BERT_WORDPIECE")), ("file", "vocab.txt"), ("lowercase", True)]),
        ("context_length", context_length), ("pad_id", pad_id),
        ("max_batch_size", max_batch_size), ("instance_count", instance_count)]


def model(name, family, embedding_dim, image=None, text=None):
    """A whole ModelConfig; image/text are encoder field lists, None for a missing encoder."""
    fields = [("name", check_model_name(name)), ("family", Enum(family)),
              ("embedding_dim", embedding_dim), ("logit_scale", 100.0),
              ("version_policy", [("latest", [("num_versions", 1)])])]
    if image:
        fields.append(("image_encoder", image))
    if text:
        fields.append(("text_encoder", text))
    return fields + [
        ("dynamic_batching", [("max_queue_delay_microseconds", 2000),
                              ("preferred_batch_size", [8, 16, 32]), ("max_queue_size", 1024)]),
        ("zero_shot_templates", ["{}", "一张{}的照片。", "a photo of a {}."])]


def render(fields, indent=0):
    """Text format of a message given as [(field, value)]; a list value that holds tuples is a
    sub-message, any other list a repeated scalar."""
    pad = "  " * indent
    lines = []
    for name, value in fields:
        if isinstance(value, list) and value and isinstance(value[0], tuple):
            lines.append(f"{pad}{name} {{")
            lines.append(render(value, indent + 1))
            lines.append(f"{pad}}}")
        elif isinstance(value, list):
            lines.append(f"{pad}{name}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"{pad}{name}: {_scalar(value)}")
    return "\n".join(lines)


def write(model_dir, fields, header):
    """Writes <model_dir>/config.pbtxt under a '#' comment of the header paragraphs, then validates it."""
    comment = "\n".join(textwrap.fill(p, width=100, initial_indent="# ", subsequent_indent="# ",
                                       break_on_hyphens=False) for p in header)
    text = comment + "\n" + render(fields) + "\n"
    path = os.path.join(model_dir, "config.pbtxt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    validate(path)
    return path


@functools.lru_cache(maxsize=None)
def _model_config_class():
    out = tempfile.mkdtemp(prefix="clipserve-proto-")
    protoc = os.environ.get("PROTOC", "protoc")
    subprocess.run([protoc, f"-I{PROTO_ROOT}", f"--python_out={out}", PROTO_FILE], check=True)
    sys.path.insert(0, out)
    try:
        return importlib.import_module("clipserve.v1.model_config_pb2").ModelConfig
    finally:
        sys.path.remove(out)


def parse(path):
    """The clipserve.v1.ModelConfig message of a config.pbtxt file."""
    from google.protobuf import text_format
    with open(path, encoding="utf-8") as f:
        return text_format.Parse(f.read(), _model_config_class()())


def validate(path):
    """Raises ValueError unless the file parses and names its own directory validly."""
    config = parse(path)
    directory = os.path.basename(os.path.dirname(os.path.abspath(path)))
    if config.name != directory or not MODEL_NAME.fullmatch(config.name):
        raise ValueError(f"{path}: name {config.name!r} must equal the directory name {directory!r} "
                         f"and match {MODEL_NAME.pattern}")
    return config


def check_model_name(name):
    if not MODEL_NAME.fullmatch(name):
        raise ValueError(f"model name {name!r} does not match {MODEL_NAME.pattern}")
    return name
