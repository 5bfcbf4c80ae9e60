#!/usr/bin/env python3
"""Writes identity "probe" models for exactness tests: encoders that return their input.

An image probe returns the preprocessed pixels, flattened ("image" [batch,3,S,S] float ->
"unnorm_image_features" [batch, 3*S*S]); a text probe returns the token ids as floats ("text"
[batch,L] -> "unnorm_text_features" [batch,L]), and its attention-mask variant the ids followed
by the mask ([batch, 2L]). A test can then compare what the server fed the encoder with a
reference pipeline, bit for bit, whatever batch a request landed in. Each probe is a model of
its own (embedding_dim = output width, output_normalized false); all but probe-text-b4-52 have a
dynamic batch axis.
Needs only the onnx package and protoc (python3 on PATH).
"""
import argparse
import os
import shutil

import onnx
from onnx import TensorProto, helper

from clipgen import model_config, reference

OPSET = 14
DEFAULT_OUT = os.path.join(model_config.REPO_ROOT, "server", "src", "test", "resources", "models")
ELEMENT_TYPE = {"INT64": TensorProto.INT64, "INT32": TensorProto.INT32}


def image_probe(size):
    graph = helper.make_graph(
        [helper.make_node("Flatten", ["image"], ["unnorm_image_features"], axis=1)], "image_probe",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 3, size, size])],
        [helper.make_tensor_value_info("unnorm_image_features", TensorProto.FLOAT, ["batch", 3 * size * size])])
    return graph, 3 * size * size


def text_probe(length, input_type, mask_input, batch="batch"):
    inputs = ["text"] + ([mask_input] if mask_input else [])
    nodes = [helper.make_node("Cast", [name], [name + "_float"], to=TensorProto.FLOAT) for name in inputs]
    width = length * len(inputs)
    if mask_input:
        nodes.append(helper.make_node("Concat", [n + "_float" for n in inputs], ["unnorm_text_features"], axis=1))
    else:
        nodes[0].output[0] = "unnorm_text_features"
    graph = helper.make_graph(
        nodes, "text_probe",
        [helper.make_tensor_value_info(name, ELEMENT_TYPE[input_type], [batch, length]) for name in inputs],
        [helper.make_tensor_value_info("unnorm_text_features", TensorProto.FLOAT, [batch, width])])
    return graph, width


# name -> (what it probes, config fields of the model without embedding_dim, onnx graph + width)
PROBES = {
    "probe-squash-224": ("SQUASH resize to 224 (Chinese-CLIP)",
                         lambda: model_config.image_encoder(224, "SQUASH", 32), lambda: image_probe(224)),
    "probe-crop-224": ("shortest side to 224 + centre crop (OpenAI CLIP, AltCLIP)",
                       lambda: model_config.image_encoder(224, "SHORTEST_SIDE_CENTER_CROP", 32),
                       lambda: image_probe(224)),
    "probe-crop-336": ("shortest side to 336 + centre crop (ViT-L/14@336px)",
                       lambda: model_config.image_encoder(336, "SHORTEST_SIDE_CENTER_CROP", 32),
                       lambda: image_probe(336)),
    "probe-text-52": ("BERT WordPiece ids, 52 tokens, pad 0, INT64 (Chinese-CLIP)",
                      lambda: model_config.text_encoder(64), lambda: text_probe(52, "INT64", None)),
    "probe-text-int32-52": ("the same ids fed as INT32 (TensorRT engines, Immich exports)",
                            lambda: model_config.text_encoder(64, input_type="INT32"),
                            lambda: text_probe(52, "INT32", None)),
    "probe-text-b4-52": ("a batch axis fixed at 4, which clipserve refuses to load (it runs batches "
                         "of 1 up): the other probes' batch axis is dynamic",
                         lambda: model_config.text_encoder(64), lambda: text_probe(52, "INT64", None, 4)),
    "probe-text-mask-77": ("AltCLIP-style input: 77 tokens, an attention_mask input, pad id 1 "
                           "(XLM-R's <pad>); output = ids then mask. The Chinese vocab (BERT "
                           "WordPiece) stands in for XLM-R's tokenizer.json, so id 1 is its "
                           "[unused1]: never a text's token, the padding shows the configured pad "
                           "id rather than BERT's 0, and only the mask tells tokens from padding",
                           lambda: model_config.text_encoder(64, context_length=77, pad_id=1,
                                                             attention_mask_input="attention_mask"),
                           lambda: text_probe(77, "INT64", "attention_mask")),
}


def write_probe(out, name, vocab):
    purpose, encoder_fields, build = PROBES[name]
    graph, width = build()
    model_dir = os.path.join(out, name)
    shutil.rmtree(model_dir, ignore_errors=True)
    os.makedirs(os.path.join(model_dir, "1"))
    is_image = graph.name == "image_probe"
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="clipserve tools/gen_probe_models.py")
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(model_dir, "1", "image.onnx" if is_image else "text.onnx"))
    if not is_image:
        shutil.copyfile(vocab, os.path.join(model_dir, "vocab.txt"))
    fields = model_config.model(name, "GENERIC", width, encoder_fields() if is_image else None,
                                None if is_image else encoder_fields())
    model_config.write(model_dir, fields, [
        f"{name}: identity probe, NOT a CLIP model: {purpose}. The encoder returns its input "
        "tensor(s) as float, flattened, so tests see exactly what the server fed it.",
        f"Generated by: tools/gen_probe_models.py {name}"])
    return model_dir


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="probes:\n" + "\n".join(f"  {k:20} {v[0]}" for k, v in PROBES.items()))
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"directory to write into (default {DEFAULT_OUT})")
    parser.add_argument("--vocab", default=reference.DEFAULT_VOCAB, help="vocab.txt for the text probes")
    parser.add_argument("names", nargs="*", metavar="NAME", help="probes to write (default all)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(PROBES))
    if unknown:
        parser.error(f"unknown probe(s) {unknown}; choose from {list(PROBES)}")
    for name in args.names or PROBES:
        model_dir = write_probe(args.out, name, args.vocab)
        size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(model_dir) for f in fs)
        print(f"{size / 1e3:9.1f} kB  {model_dir}")


if __name__ == "__main__":
    main()
