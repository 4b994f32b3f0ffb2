"""The Llama-style decoder parley trains (RMSNorm, rotary positions, SwiGLU, grouped-query attention), in
the layout transformers.js loads, with its ONNX export (KV cache in, presents and the step's own keys and values out) and a greedy reference
decoder; and the byte-level BPE pre-tokenisation its tokenizers share. Used by train-model.py and by the test
fixture's build script; needs Debian's python3-torch, python3-onnx and python3-regex.
"""

import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

PRETOKENIZE = (r"'s|'t|'re|'ve|'m|'ll|'d|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


BYTE_CHARS = bytes_to_unicode()


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


class _Reshape(torch.autograd.Function):
    """x.reshape(shape) where 0 keeps the input's size there and -1 infers it (ONNX Reshape's rules), exported as
    one Reshape of a constant shape instead of the Shape/Gather/Unsqueeze/Concat chain a traced view() becomes."""

    @staticmethod
    def forward(ctx, x, shape):
        ctx.in_shape = x.shape
        return x.reshape([x.shape[i] if d == 0 else d for i, d in enumerate(shape)])

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.in_shape), None

    @staticmethod
    def symbolic(g, x, shape):
        return g.op("Reshape", x, g.op("Constant", value_t=torch.tensor(shape, dtype=torch.long)))


def reshape(x, *shape):
    return _Reshape.apply(x, shape)


def rotate_half_matrix(hd):
    """R with x @ R == cat(-x[..., hd/2:], x[..., :hd/2]): one exact MatMul in the graph instead of two Slices, a
    Neg and a Concat."""
    half = hd // 2
    r = torch.zeros(hd, hd)
    for i in range(half):
        r[half + i, i] = -1.0
        r[i, half + i] = 1.0
    return r


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, hd = c["hidden_size"], c["head_dim"]
        self.h, self.kvh, self.hd = c["num_attention_heads"], c["num_key_value_heads"], hd
        self.input_layernorm = RMSNorm(d, c["rms_norm_eps"])
        self.q_proj = nn.Linear(d, self.h * hd, bias=False)
        self.k_proj = nn.Linear(d, self.kvh * hd, bias=False)
        self.v_proj = nn.Linear(d, self.kvh * hd, bias=False)
        self.o_proj = nn.Linear(self.h * hd, d, bias=False)
        self.post_attention_layernorm = RMSNorm(d, c["rms_norm_eps"])
        self.gate_proj = nn.Linear(d, c["intermediate_size"], bias=False)
        self.up_proj = nn.Linear(d, c["intermediate_size"], bias=False)
        self.down_proj = nn.Linear(c["intermediate_size"], d, bias=False)

    def forward(self, x, cos, sin, rot, mask_bias, past_k, past_v):
        h, kvh, hd = self.h, self.kvh, self.hd
        y = self.input_layernorm(x)
        q = reshape(self.q_proj(y), 0, -1, h, hd).transpose(1, 2)
        k = reshape(self.k_proj(y), 0, -1, kvh, hd).transpose(1, 2)
        v = reshape(self.v_proj(y), 0, -1, kvh, hd).transpose(1, 2)
        q = q * cos + torch.matmul(q, rot) * sin
        k = k * cos + torch.matmul(k, rot) * sin
        added = (k, v)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        present = (k, v, *added)
        # Grouped-query attention by broadcasting: query heads grouped under their key/value head, [b, kvh, rep, s, hd].
        q5 = reshape(q, 0, kvh, h // kvh, -1, hd)
        scores = torch.matmul(q5, k[:, :, None].transpose(3, 4)) / math.sqrt(hd) + mask_bias
        attn = torch.matmul(torch.softmax(scores, dim=-1), v[:, :, None])
        x = x + self.o_proj(reshape(reshape(attn, 0, h, -1, hd).transpose(1, 2), 0, -1, h * hd))
        y = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y)), present


class Llama(nn.Module):
    def __init__(self, c, vocab_size):
        super().__init__()
        self.c = c
        self.embed_tokens = nn.Embedding(vocab_size, c["hidden_size"])
        self.layers = nn.ModuleList([Block(c) for _ in range(c["num_hidden_layers"])])
        self.norm = RMSNorm(c["hidden_size"], c["rms_norm_eps"])
        hd = c["head_dim"]
        self.register_buffer("inv_freq", 1.0 / (c["rope_theta"] ** (torch.arange(0, hd, 2).float() / hd)),
                             persistent=False)
        self.register_buffer("rot", rotate_half_matrix(hd), persistent=False)
        nn.init.normal_(self.embed_tokens.weight, std=0.02)

    def forward(self, input_ids, attention_mask, position_ids, past=None):
        b, s = input_ids.shape
        x = self.embed_tokens(input_ids)
        freqs = position_ids[:, :, None].float() * self.inv_freq[None, None, :]
        emb = torch.cat([freqs, freqs], dim=-1)[:, None]
        cos, sin = emb.cos(), emb.sin()
        total = attention_mask.shape[1]
        past_len = total - s
        q_pos = torch.arange(s)[:, None] + past_len
        k_pos = torch.arange(total)[None, :]
        causal = k_pos <= q_pos
        if input_ids.is_cuda:  # on the CPU (and in the exported graph) the mask is built as the fixture's was
            causal = causal.to(input_ids.device)
        mask = causal[None, None, None] & attention_mask[:, None, None, None, :].bool()
        # Added to the scores: masked positions get exp(-1e9) = 0 in the softmax, as masked_fill's did.
        mask_bias = torch.where(mask, torch.tensor(0.0, device=x.device), torch.tensor(-1e9, device=x.device))
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = past[i] if past is not None else (None, None)
            x, present = layer(x, cos, sin, self.rot, mask_bias, pk, pv)
            presents.append(present)
        return F.linear(self.norm(x), self.embed_tokens.weight), presents


class OnnxWrapper(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(len(flat_past) // 2)]
        logits, presents = self.model(input_ids, attention_mask, position_ids, past)
        return (logits, *[t for kv in presents for t in kv[:2]], *[t for kv in presents for t in kv[2:]])


@torch.no_grad()
def greedy(model, ids, count, stop_ids):
    out = list(ids)
    for _ in range(count):
        x = torch.tensor([out])
        logits, _ = model(x, torch.ones_like(x), torch.arange(len(out))[None])
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if nxt in stop_ids:
            break
    return out[len(ids):]


def export(model, path):
    c = model.c
    layers, kvh, hd = c["num_hidden_layers"], c["num_key_value_heads"], c["head_dim"]
    ids = torch.tensor([[5, 6, 7]])
    past = [torch.randn(1, kvh, 2, hd) for _ in range(2 * layers)]
    mask = torch.ones(1, 5, dtype=torch.long)
    pos = torch.tensor([[2, 3, 4]])
    past_names = [f"past_key_values.{i}.{kind}" for i in range(layers) for kind in ("key", "value")]
    present_names = [f"present.{i}.{kind}" for i in range(layers) for kind in ("key", "value")]
    # The keys and values of the positions fed in this step alone: a decoder that keeps the cache itself fetches
    # these instead of the whole present.* (parley's KvCacheDecoder); other runtimes ignore them.
    added_names = [f"new_key_values.{i}.{kind}" for i in range(layers) for kind in ("key", "value")]
    axes = {"input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
            "position_ids": {0: "batch_size", 1: "sequence_length"},
            "logits": {0: "batch_size", 1: "sequence_length"}}
    axes.update({n: {0: "batch_size", 2: "past_sequence_length"} for n in past_names})
    axes.update({n: {0: "batch_size", 2: "total_sequence_length"} for n in present_names})
    axes.update({n: {0: "batch_size", 2: "sequence_length"} for n in added_names})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(OnnxWrapper(model), (ids, mask, pos, *past), path, opset_version=14,
                      input_names=["input_ids", "attention_mask", "position_ids", *past_names],
                      output_names=["logits", *present_names, *added_names], dynamic_axes=axes, do_constant_folding=True)
    import onnx
    onnx.checker.check_model(onnx.load(path))


