"""Random weights that keep activations unit-scaled, so embeddings are finite and input-dependent.

BERT's own init (normal std 0.02 everywhere) makes attention uniform and the residual branches
tiny: the [CLS] output of an untrained model then hardly depends on the text (cosine > 0.99
between any two texts), which would make the fixtures useless for telling inputs apart. Here
every linear/conv weight is normal with std 1/sqrt(fan_in) (variance preserving; He's
sqrt(2/fan_in) before ReLUs), biases 0, LayerNorm 1/0, so each layer changes its input by
O(1); query and key weights get twice that, for attention as peaked as a trained model's. Word
embeddings are unit normal, positions 0.5, the constant token type 0.02 (BERT's range), so the
content of a text dominates its hidden states.
"""
import math

import torch
from torch import nn

from . import architectures as arch

QUERY_KEY_GAIN = 2.0


def _fan_in(weight):
    return weight[0].numel()


def _init_linear_like(model, gain):
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            nn.init.normal_(module.weight, std=gain / math.sqrt(_fan_in(module.weight)))
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.MultiheadAttention):
            width = module.embed_dim
            nn.init.normal_(module.in_proj_weight, std=1 / math.sqrt(width))
            nn.init.zeros_(module.in_proj_bias)
            with torch.no_grad():
                module.in_proj_weight[:2 * width].mul_(QUERY_KEY_GAIN)   # rows: query, key, value
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
    # MultiheadAttention's out_proj is an nn.Linear (handled above with the given gain).


def _pink_noise(samples, image_size):
    """Unit-variance noise with a 1/f amplitude spectrum: the second-order statistics of photos."""
    freq_y = torch.fft.fftfreq(image_size)[:, None]
    freq_x = torch.fft.rfftfreq(image_size)[None, :]
    amplitude = 1.0 / torch.sqrt(freq_y ** 2 + freq_x ** 2).clamp(min=1.0 / image_size)
    spectrum = torch.fft.rfft2(torch.randn(samples, 3, image_size, image_size)) * amplitude
    noise = torch.fft.irfft2(spectrum, s=(image_size, image_size))
    return noise / noise.std(dim=(1, 2, 3), keepdim=True)


def _calibrate_batch_norm(model, image_size, samples=8):
    """Sets BatchNorm running statistics from one train-mode pass over seeded 1/f noise images.

    A trained ResNet's BatchNorms normalise its activations; with identity statistics the
    residual sums of an untrained net grow ~2x in variance per block (2^16 over ResNet-50).
    White noise would calibrate for the wrong inputs: it averages out in the pooling layers
    where photos do not, and photos then come out 1000x larger.
    """
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None      # cumulative average: exactly this pass's statistics
    model.train()
    with torch.no_grad():
        model(_pink_noise(samples, image_size))
    model.eval()


def init_image_encoder(model):
    if isinstance(model, arch.VisionTransformer):
        _init_linear_like(model, gain=1.0)
        width = model.class_embedding.shape[0]
        nn.init.normal_(model.class_embedding, std=width ** -0.5)
        nn.init.normal_(model.positional_embedding, std=width ** -0.5)
        nn.init.normal_(model.proj, std=width ** -0.5)
    elif isinstance(model, arch.ModifiedResNet):
        _init_linear_like(model, gain=math.sqrt(2.0))
        pool = model.attnpool
        for linear in (pool.q_proj, pool.k_proj, pool.v_proj, pool.c_proj):
            nn.init.normal_(linear.weight, std=linear.in_features ** -0.5)
        nn.init.normal_(pool.positional_embedding, std=pool.positional_embedding.shape[1] ** -0.5)
        image_size = int(round(math.sqrt(pool.positional_embedding.shape[0] - 1))) * 32
        _calibrate_batch_norm(model, image_size)
    else:
        raise TypeError(f"not an image encoder of this package: {type(model).__name__}")


def init_text_encoder(model):
    _init_linear_like(model, gain=1.0)
    with torch.no_grad():
        for layer in model.layers:
            layer.query.weight.mul_(QUERY_KEY_GAIN)
            layer.key.weight.mul_(QUERY_KEY_GAIN)
    nn.init.normal_(model.word_embeddings.weight, std=1.0)
    nn.init.normal_(model.position_embeddings.weight, std=0.5)
    nn.init.normal_(model.token_type_embeddings.weight, std=0.02)
    hidden = model.text_projection.shape[0]
    nn.init.normal_(model.text_projection, std=hidden ** -0.5)
