"""Chinese-CLIP's encoder architectures in plain torch, for export with seeded random weights.

The modules follow cn_clip/clip/model.py and modeling_bert.py layer for layer (same parameter
shapes, same operations, same epsilons), so an export has the graph and cost of the real model:

- VisionTransformer: OpenAI CLIP's ViT (patchify conv without bias, class token, learned
  positions, ln_pre, pre-LN residual attention blocks with QuickGELU, ln_post on the class
  token, @ proj).
- ModifiedResNet: OpenAI CLIP's ResNet (3-conv stem, anti-aliased bottlenecks, attention pool).
- BertTextEncoder: BERT (word + position + token type embeddings, post-LN layers with erf GELU,
  LayerNorm eps 1e-12); the attention mask is computed inside as `text != 0`, and the output is
  the [CLS] hidden state @ text_projection, as Chinese-CLIP's encode_text.
"""
import math

import torch
import torch.nn.functional as F
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    """Pre-LN transformer block of OpenAI CLIP; sequence-first tensors [L, N, D]."""

    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential()
        self.mlp.add_module("c_fc", nn.Linear(width, width * 4))
        self.mlp.add_module("gelu", QuickGELU())
        self.mlp.add_module("c_proj", nn.Linear(width * 4, width))

    def forward(self, x):
        h = self.ln_1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.mlp(self.ln_2(x))


class VisionTransformer(nn.Module):
    def __init__(self, image_size, patch_size, width, layers, heads, embed_dim):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        grid = image_size // patch_size
        self.class_embedding = nn.Parameter(torch.empty(width))
        self.positional_embedding = nn.Parameter(torch.empty(grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = nn.Sequential(*[ResidualAttentionBlock(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(torch.empty(width, embed_dim))

    def forward(self, image):
        x = self.conv1(image)                        # [N, width, grid, grid]
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)  # [N, grid^2, width]
        cls = self.class_embedding + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x).permute(1, 0, 2)          # NLD -> LND
        x = self.transformer(x).permute(1, 0, 2)     # LND -> NLD
        return self.ln_post(x[:, 0, :]) @ self.proj


class Bottleneck(nn.Module):
    """CLIP's bottleneck: stride applied by an average pool after conv2 (anti-aliasing)."""
    expansion = 4

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        out = planes * self.expansion
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.avgpool = nn.AvgPool2d(stride) if stride > 1 else nn.Identity()
        self.conv3 = nn.Conv2d(planes, out, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.downsample = None
        if stride > 1 or inplanes != out:
            self.downsample = nn.Sequential(nn.AvgPool2d(stride), nn.Conv2d(inplanes, out, 1, bias=False),
                                            nn.BatchNorm2d(out))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(self.avgpool(out)))
        identity = x if self.downsample is None else self.downsample(x)
        return F.relu(out + identity)


class AttentionPool2d(nn.Module):
    """QKV attention of the mean token over the feature map (CLIP's replacement of avgpool)."""

    def __init__(self, spatial, width, heads, embed_dim):
        super().__init__()
        self.positional_embedding = nn.Parameter(torch.empty(spatial * spatial + 1, width))
        self.k_proj = nn.Linear(width, width)
        self.q_proj = nn.Linear(width, width)
        self.v_proj = nn.Linear(width, width)
        self.c_proj = nn.Linear(width, embed_dim)
        self.heads = heads

    def forward(self, x):
        x = x.reshape(x.shape[0], x.shape[1], x.shape[2] * x.shape[3]).permute(2, 0, 1)  # (HW)NC
        x = torch.cat([x.mean(dim=0, keepdim=True), x], dim=0) + self.positional_embedding[:, None, :]
        x, _ = F.multi_head_attention_forward(
            query=x, key=x, value=x, embed_dim_to_check=x.shape[-1], num_heads=self.heads,
            q_proj_weight=self.q_proj.weight, k_proj_weight=self.k_proj.weight,
            v_proj_weight=self.v_proj.weight, in_proj_weight=None,
            in_proj_bias=torch.cat([self.q_proj.bias, self.k_proj.bias, self.v_proj.bias]),
            bias_k=None, bias_v=None, add_zero_attn=False, dropout_p=0.0,
            out_proj_weight=self.c_proj.weight, out_proj_bias=self.c_proj.bias,
            use_separate_proj_weight=True, training=False, need_weights=False)
        return x[0]


class ModifiedResNet(nn.Module):
    def __init__(self, layers, width, heads, image_size, embed_dim):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width // 2, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width // 2)
        self.conv2 = nn.Conv2d(width // 2, width // 2, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width // 2)
        self.conv3 = nn.Conv2d(width // 2, width, 3, padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.avgpool = nn.AvgPool2d(2)
        inplanes = width
        stages = []
        for i, blocks in enumerate(layers):
            planes = width * 2 ** i
            stage = [Bottleneck(inplanes, planes, stride=1 if i == 0 else 2)]
            inplanes = planes * Bottleneck.expansion
            stage += [Bottleneck(inplanes, planes) for _ in range(1, blocks)]
            stages.append(nn.Sequential(*stage))
        self.layer1, self.layer2, self.layer3, self.layer4 = stages
        self.attnpool = AttentionPool2d(image_size // 32, width * 32, heads, embed_dim)

    def forward(self, image):
        x = image
        for conv, bn in ((self.conv1, self.bn1), (self.conv2, self.bn2), (self.conv3, self.bn3)):
            x = F.relu(bn(conv(x)))
        x = self.avgpool(x)
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.attnpool(x)


class BertLayer(nn.Module):
    """Post-LN BERT layer: self-attention, then the erf-GELU feed-forward."""

    def __init__(self, hidden, heads, intermediate):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.attention_output = nn.Linear(hidden, hidden)
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.intermediate = nn.Linear(hidden, intermediate)
        self.output = nn.Linear(intermediate, hidden)
        self.output_norm = nn.LayerNorm(hidden, eps=1e-12)

    def split_heads(self, x):
        n, length, hidden = x.shape
        return x.view(n, length, self.heads, hidden // self.heads).permute(0, 2, 1, 3)

    def forward(self, x, additive_mask):
        q, k, v = self.split_heads(self.query(x)), self.split_heads(self.key(x)), self.split_heads(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(q.shape[-1]) + additive_mask
        context = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3)
        context = context.reshape(x.shape)
        x = self.attention_norm(x + self.attention_output(context))
        h = self.intermediate(x)
        h = h * 0.5 * (1.0 + torch.erf(h / math.sqrt(2.0)))
        return self.output_norm(x + self.output(h))


class BertTextEncoder(nn.Module):
    def __init__(self, vocab_size, hidden, layers, heads, intermediate, max_positions, embed_dim,
                 type_vocab_size=2):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, hidden, padding_idx=0)
        self.position_embeddings = nn.Embedding(max_positions, hidden)
        self.token_type_embeddings = nn.Embedding(type_vocab_size, hidden)
        self.embedding_norm = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.ModuleList([BertLayer(hidden, heads, intermediate) for _ in range(layers)])
        self.text_projection = nn.Parameter(torch.empty(hidden, embed_dim))

    def forward(self, text):
        # Chinese-CLIP's encode_text: pad id 0 is masked out; BERT's -10000 additive mask.
        mask = text.ne(0).to(torch.float32)
        additive_mask = ((1.0 - mask) * -10000.0)[:, None, None, :]
        positions = torch.arange(text.shape[1], dtype=torch.long).unsqueeze(0)
        x = (self.word_embeddings(text) + self.position_embeddings(positions)
             + self.token_type_embeddings(torch.zeros_like(text)))
        x = self.embedding_norm(x)
        for layer in self.layers:
            x = layer(x, additive_mask)
        return x[:, 0, :] @ self.text_projection
