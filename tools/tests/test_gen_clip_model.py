import contextlib
import io
import json
import os
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto

import gen_clip_model
from clipgen import model_config

REPO = model_config.REPO_ROOT


def generate(out, *args):
    with contextlib.redirect_stdout(io.StringIO()):
        gen_clip_model.main(["--out", out, *args])


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def io_signature(path):
    """{name: (element type, dims)} of a model's inputs and outputs; dims are ints or names."""
    graph = onnx.load(path).graph
    return {v.name: (v.type.tensor_type.elem_type,
                     [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim])
            for v in list(graph.input) + list(graph.output)}


def embeddings(doc):
    return np.array([doc["image"]["embedding"]] + [t["embedding"] for t in doc["texts"]])


class GenClipModelTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = cls.tmp.name
        cls.ref = {k: os.path.join(cls.out, k + ".json") for k in ("dynamic", "fixed", "seed7")}
        generate(cls.out, "--reference", cls.ref["dynamic"])
        generate(cls.out, "--batch", "fixed", "--reference", cls.ref["fixed"])
        generate(cls.out, "--seed", "7", "--name", "seed7", "--reference", cls.ref["seed7"])
        generate(cls.out, "--only", "image", "--name", "image-only")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def model(self, name):
        return os.path.join(self.out, name)

    def test_writes_the_repository_layout(self):
        for name in ("cn-clip-tiny", "cn-clip-tiny-b1"):
            self.assertEqual(sorted(os.listdir(self.model(name))), ["1", "config.pbtxt", "vocab.txt"])
            self.assertEqual(sorted(os.listdir(os.path.join(self.model(name), "1"))), ["image.onnx", "text.onnx"])

    def test_dynamic_export_has_free_batch_and_official_names(self):
        version = os.path.join(self.model("cn-clip-tiny"), "1")
        self.assertEqual(io_signature(os.path.join(version, "image.onnx")), {
            "image": (TensorProto.FLOAT, ["batch", 3, 224, 224]),
            "unnorm_image_features": (TensorProto.FLOAT, ["batch", 64])})
        self.assertEqual(io_signature(os.path.join(version, "text.onnx")), {
            "text": (TensorProto.INT64, ["batch", 52]),
            "unnorm_text_features": (TensorProto.FLOAT, ["batch", 64])})
        model = onnx.load(os.path.join(version, "text.onnx"))
        onnx.checker.check_model(model)
        self.assertEqual([o.version for o in model.opset_import if o.domain in ("", "ai.onnx")], [14])

    def test_fixed_export_takes_batch_one(self):
        version = os.path.join(self.model("cn-clip-tiny-b1"), "1")
        self.assertEqual(io_signature(os.path.join(version, "image.onnx"))["image"][1], [1, 3, 224, 224])
        self.assertEqual(io_signature(os.path.join(version, "text.onnx"))["text"][1], [1, 52])
        config = model_config.parse(os.path.join(self.model("cn-clip-tiny-b1"), "config.pbtxt"))
        self.assertEqual((config.image_encoder.max_batch_size, config.text_encoder.max_batch_size), (1, 1))

    def test_config_describes_the_model(self):
        config = model_config.parse(os.path.join(self.model("cn-clip-tiny"), "config.pbtxt"))
        self.assertEqual((config.name, config.family, config.embedding_dim), ("cn-clip-tiny", config.CHINESE_CLIP, 64))
        self.assertEqual((config.image_encoder.resize, config.image_encoder.max_batch_size), (1, 32))
        self.assertEqual((config.text_encoder.context_length, config.text_encoder.pad_id,
                          config.text_encoder.max_batch_size), (52, 0, 64))
        with open(os.path.join(self.model("cn-clip-tiny"), "config.pbtxt"), encoding="utf-8") as f:
            self.assertIn("RANDOM weights", f.read())

    def test_same_seed_gives_the_same_weights_whatever_the_batch_mode(self):
        dynamic, fixed = load_json(self.ref["dynamic"]), load_json(self.ref["fixed"])
        self.assertEqual(embeddings(dynamic).tolist(), embeddings(fixed).tolist())

    def test_other_seed_gives_other_weights(self):
        a, b = embeddings(load_json(self.ref["dynamic"])), embeddings(load_json(self.ref["seed7"]))
        self.assertFalse(np.allclose(a, b))

    def test_embeddings_are_finite_and_tell_inputs_apart(self):
        doc = load_json(self.ref["dynamic"])
        vectors = embeddings(doc)
        self.assertEqual(vectors.shape, (4, 64))
        self.assertTrue(np.isfinite(vectors).all())
        texts = vectors[1:] / np.linalg.norm(vectors[1:], axis=1, keepdims=True)
        cosines = texts @ texts.T
        self.assertLess(cosines[np.triu_indices(3, 1)].max(), 0.95)

    def test_reference_ids_are_cls_chars_sep_zero_padded(self):
        text = load_json(self.ref["dynamic"])["texts"][0]
        self.assertEqual(text["text"], "皮卡丘")
        self.assertEqual(text["ids"], [101, 4649, 1305, 687, 102] + [0] * 47)

    def test_only_image_writes_one_encoder(self):
        self.assertEqual(sorted(os.listdir(self.model("image-only"))), ["1", "config.pbtxt"])
        self.assertEqual(os.listdir(os.path.join(self.model("image-only"), "1")), ["image.onnx"])
        config = model_config.parse(os.path.join(self.model("image-only"), "config.pbtxt"))
        self.assertFalse(config.HasField("text_encoder"))

    def test_committed_models_match_the_generator(self):
        """The bundled and test models were generated with seed 42 and not edited since."""
        fresh = embeddings(load_json(self.ref["dynamic"]))
        for committed in ("server/src/test/resources/models/cn-clip-tiny-reference.json",
                          "server/src/test/resources/models/cn-clip-tiny-b1/reference.json"):
            np.testing.assert_allclose(embeddings(load_json(os.path.join(REPO, committed))), fresh,
                                       rtol=1e-5, atol=1e-6, err_msg=committed)
        for name, directory in (("cn-clip-tiny", "model-repository"),
                                ("cn-clip-tiny-b1", "server/src/test/resources/models")):
            self.assertEqual(model_config.parse(os.path.join(REPO, directory, name, "config.pbtxt")),
                             model_config.parse(os.path.join(self.model(name), "config.pbtxt")), name)


if __name__ == "__main__":
    unittest.main()
