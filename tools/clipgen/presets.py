"""Model sizes of the published Chinese-CLIP checkpoints (cn_clip/clip/model_configs/*.json),
plus `tiny` for fixtures, and the seeded construction of their encoders."""
from dataclasses import dataclass
from typing import Optional, Tuple

import torch

from . import architectures as arch
from .initialization import init_image_encoder, init_text_encoder


@dataclass(frozen=True)
class VisionSpec:
    image_size: int
    width: int
    layers: object          # int: ViT depth; tuple of 4: ResNet blocks per stage
    heads: int
    patch_size: Optional[int] = None   # ViT only

    def build(self, embed_dim):
        if isinstance(self.layers, tuple):
            return arch.ModifiedResNet(self.layers, self.width, self.heads, self.image_size, embed_dim)
        return arch.VisionTransformer(self.image_size, self.patch_size, self.width, self.layers,
                                      self.heads, embed_dim)


@dataclass(frozen=True)
class TextSpec:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int = 21128
    max_positions: int = 512

    def build(self, embed_dim):
        return arch.BertTextEncoder(self.vocab_size, self.hidden, self.layers, self.heads,
                                    self.intermediate, self.max_positions, embed_dim)


@dataclass(frozen=True)
class Preset:
    embed_dim: int
    vision: VisionSpec
    text: TextSpec
    description: str

    def image_encoder(self, seed):
        """The image encoder, in eval mode, with weights that depend only on the seed."""
        torch.manual_seed(seed)
        model = self.vision.build(self.embed_dim)
        init_image_encoder(model)
        return model.eval()

    def text_encoder(self, seed):
        """The text encoder, in eval mode; seeded apart from the image encoder (seed + 1)."""
        torch.manual_seed(seed + 1)
        model = self.text.build(self.embed_dim)
        init_text_encoder(model)
        return model.eval()


ROBERTA_WWM_BASE = TextSpec(hidden=768, layers=12, heads=12, intermediate=3072)
RBT3 = TextSpec(hidden=768, layers=3, heads=12, intermediate=3072)

PRESETS = {
    "tiny": Preset(64, VisionSpec(224, 64, 2, 2, patch_size=32),
                   TextSpec(hidden=64, layers=2, heads=2, intermediate=256),
                   "tiny ViT (width 64, 2 layers, patch 32) + tiny BERT (hidden 64, 2 layers)"),
    "vit-b-16": Preset(512, VisionSpec(224, 768, 12, 12, patch_size=16), ROBERTA_WWM_BASE,
                       "Chinese-CLIP ViT-B/16: ViT-B/16 + RoBERTa-wwm-ext-base-chinese"),
    "rn50": Preset(1024, VisionSpec(224, 64, (3, 4, 6, 3), 32), RBT3,
                   "Chinese-CLIP RN50: ModifiedResNet-50 + RBT3"),
    "vit-l-14-336": Preset(768, VisionSpec(336, 1024, 24, 16, patch_size=14), ROBERTA_WWM_BASE,
                           "Chinese-CLIP ViT-L/14@336px: ViT-L/14 + RoBERTa-wwm-ext-base-chinese"),
}
