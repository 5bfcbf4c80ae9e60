import os
import tempfile
import unittest

from google.protobuf import text_format

from clipgen import model_config


class ModelConfigTest(unittest.TestCase):

    def write(self, name, fields, directory=None):
        model_dir = os.path.join(self.tmp.name, directory or name)
        os.makedirs(model_dir)
        return model_config.write(model_dir, fields, ["a header comment", "second paragraph"])

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_full_config_round_trips_through_the_proto(self):
        fields = model_config.model("m-1", "CHINESE_CLIP", 512,
                                    model_config.image_encoder(336, "SHORTEST_SIDE_CENTER_CROP", 8),
                                    model_config.text_encoder(16, context_length=77, pad_id=1,
                                                              input_type="INT32",
                                                              attention_mask_input="attention_mask"))
        config = model_config.parse(self.write("m-1", fields))
        self.assertEqual(config.family, config.CHINESE_CLIP)
        self.assertEqual(config.embedding_dim, 512)
        self.assertEqual(config.version_policy.latest.num_versions, 1)
        self.assertEqual(config.image_encoder.image_size, 336)
        self.assertAlmostEqual(config.image_encoder.mean[2], 0.40821073, places=7)
        self.assertEqual(config.text_encoder.attention_mask_input, "attention_mask")
        self.assertEqual(config.text_encoder.pad_id, 1)
        self.assertEqual(config.text_encoder.tokenizer.file, "vocab.txt")
        self.assertEqual(list(config.dynamic_batching.preferred_batch_size), [8, 16, 32])
        self.assertEqual(list(config.zero_shot_templates), ["{}", "一张{}的照片。", "a photo of a {}."])

    def test_header_is_a_comment(self):
        path = self.write("m", model_config.model("m", "GENERIC", 4))
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.readline(), "# a header comment\n")

    def test_name_must_equal_directory(self):
        with self.assertRaisesRegex(ValueError, "directory name"):
            self.write("m", model_config.model("m", "GENERIC", 4), directory="other")

    def test_invalid_names_are_refused(self):
        for name in ["Upper", "-dash", "", "a" * 65, "sp ace"]:
            with self.assertRaises(ValueError, msg=name):
                model_config.check_model_name(name)

    def test_unknown_field_or_enum_fails_validation(self):
        for bad in [("embeding_dim", 3), ("family", model_config.Enum("CN_CLIP"))]:
            with self.assertRaises(text_format.ParseError, msg=bad):
                self.write("m", model_config.model("m", "GENERIC", 4) + [bad], directory=bad[0])


if __name__ == "__main__":
    unittest.main()
