import contextlib
import filecmp
import io
import os
import tempfile
import unittest

from onnx import TensorProto

import gen_probe_models
from clipgen import model_config
from tests.test_gen_clip_model import io_signature

COMMITTED = os.path.join(model_config.REPO_ROOT, "server", "src", "test", "resources", "models")


class GenProbeModelsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        with contextlib.redirect_stdout(io.StringIO()):
            gen_probe_models.main(["--out", cls.tmp.name])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def probe(self, name):
        directory = os.path.join(self.tmp.name, name)
        return model_config.parse(os.path.join(directory, "config.pbtxt")), directory

    def test_image_probes_flatten_the_image(self):
        for name, size, resize in [("probe-squash-224", 224, 1), ("probe-crop-224", 224, 2), ("probe-crop-336", 336, 2)]:
            config, directory = self.probe(name)
            self.assertEqual((config.image_encoder.image_size, config.image_encoder.resize), (size, resize))
            self.assertEqual(config.embedding_dim, 3 * size * size)
            self.assertFalse(config.HasField("text_encoder"))
            self.assertEqual(io_signature(os.path.join(directory, "1", "image.onnx")), {
                "image": (TensorProto.FLOAT, ["batch", 3, size, size]),
                "unnorm_image_features": (TensorProto.FLOAT, ["batch", 3 * size * size])})

    def test_text_probes_echo_ids_and_mask(self):
        for name, length, element, mask in [("probe-text-52", 52, TensorProto.INT64, ""),
                                            ("probe-text-int32-52", 52, TensorProto.INT32, ""),
                                            ("probe-text-mask-77", 77, TensorProto.INT64, "attention_mask")]:
            config, directory = self.probe(name)
            width = length * (2 if mask else 1)
            self.assertEqual((config.embedding_dim, config.text_encoder.context_length), (width, length))
            self.assertEqual(config.text_encoder.attention_mask_input, mask)
            self.assertTrue(os.path.isfile(os.path.join(directory, "vocab.txt")))
            expected = {"text": (element, ["batch", length]),
                        "unnorm_text_features": (TensorProto.FLOAT, ["batch", width])}
            if mask:
                expected[mask] = (element, ["batch", length])
            self.assertEqual(io_signature(os.path.join(directory, "1", "text.onnx")), expected)

    def test_committed_probes_are_what_the_script_writes(self):
        for name in gen_probe_models.PROBES:
            for root, _, files in os.walk(os.path.join(self.tmp.name, name)):
                relative = os.path.relpath(root, self.tmp.name)
                for f in files:
                    self.assertTrue(filecmp.cmp(os.path.join(root, f), os.path.join(COMMITTED, relative, f),
                                                shallow=False), os.path.join(relative, f))


if __name__ == "__main__":
    unittest.main()
