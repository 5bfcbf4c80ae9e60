"""ONNX export of the encoders under Chinese-CLIP's official tensor names.

Each model is one self-contained .onnx file; torch writes external data files beside it only
when a model passes protobuf's 2 GB limit (none of the presets does).
"""
import warnings

import torch

OPSET = 14   # ORT CPU runs it (Java onnxruntime 1.29); Chinese-CLIP's own exports use 13
CONTEXT_LENGTH = 52
IMAGE_INPUT, IMAGE_OUTPUT = "image", "unnorm_image_features"
TEXT_INPUT, TEXT_OUTPUT = "text", "unnorm_text_features"
# The dynamic export is traced at batch 2, so that no size-1 batch dimension can be baked in.
_TRACE_BATCH = {True: 2, False: 1}


def _export(model, example, path, input_name, output_name, dynamic):
    axes = {input_name: {0: "batch"}, output_name: {0: "batch"}} if dynamic else None
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")   # tracer warnings about Python ints from shapes
        torch.onnx.export(model, (example,), path, input_names=[input_name],
                          output_names=[output_name], dynamic_axes=axes, opset_version=OPSET,
                          do_constant_folding=True, export_params=True)


def export_image_encoder(model, image_size, path, dynamic):
    """Writes `path`: float32 "image" [batch|1, 3, S, S] -> "unnorm_image_features"."""
    example = torch.randn(_TRACE_BATCH[dynamic], 3, image_size, image_size)
    _export(model, example, path, IMAGE_INPUT, IMAGE_OUTPUT, dynamic)


def export_text_encoder(model, path, dynamic):
    """Writes `path`: int64 "text" [batch|1, 52] -> "unnorm_text_features"."""
    example = torch.zeros(_TRACE_BATCH[dynamic], CONTEXT_LENGTH, dtype=torch.long)
    example[:, :3] = torch.tensor([101, 100, 102])
    _export(model, example, path, TEXT_INPUT, TEXT_OUTPUT, dynamic)
