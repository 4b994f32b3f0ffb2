"""Trains parley's small sentence encoder on CPU and exports it to ONNX.

Input: the JSON that prepare-sentence-encoder-data.ts writes (GloVe vector of each token, paraphrase clusters from
CLINC150 and Banking77, pairs from a bot's own documents). Loss: multiple-negatives ranking (symmetric InfoNCE):
two utterances of one intent, or a heading and its sentence, are positives; the rest of the batch are negatives.

The model reads frozen GloVe vectors and their SIF weights (the Node side computes both, so the graph holds no
vocabulary): a learned gate re-weights each word, two residual 1-d convolutions read word neighbourhoods
("run out", "doesn't work"), and the SIF mean, the gated mean and the max of the convolutions are projected to
256 dims. Inputs: vectors float32 [batch, tokens, 100], weights float32 [batch, tokens] (0 = padding).
Output: sentence_embedding float32 [batch, 256].

Run: python3 train-sentence-encoder.py <data.json> <out dir> [--steps N] [--seed S]
"""
import argparse
import json
import math
import os
import random
import time

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("data")
parser.add_argument("out")
parser.add_argument("--steps", type=int, default=800)
parser.add_argument("--seed", type=int, default=13)
parser.add_argument("--batch", type=int, default=128)
parser.add_argument("--doc-pairs", type=int, default=16, help="document pairs per batch")
parser.add_argument("--width", type=int, default=192)
parser.add_argument("--dims", type=int, default=256)
args = parser.parse_args()

random.seed(args.seed)
torch.manual_seed(args.seed)
torch.use_deterministic_algorithms(True)
torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))

data = json.load(open(args.data))
dims_in = data["dimensions"]
harmonic = math.log(200000) + 0.5772
sif_a = 1e-3
table = torch.tensor([t["vector"] for t in data["tokens"]], dtype=torch.float32)
sif = torch.tensor([sif_a / (sif_a + 1 / ((t["row"] + 1) * harmonic)) for t in data["tokens"]], dtype=torch.float32)
clusters = [c for c in data["clusters"] if len(c) >= 2]
pairs = data["pairs"]


class SentenceEncoder(nn.Module):
    def __init__(self, dims_in: int, width: int, dims_out: int):
        super().__init__()
        self.gate = nn.Linear(dims_in, 1)
        self.conv1 = nn.Conv1d(dims_in, width, 3, padding=1)
        self.conv2 = nn.Conv1d(width, width, 3, padding=1)
        self.project = nn.Linear(dims_in * 2 + width * 2, dims_out)

    def forward(self, vectors: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        mask = (weights > 0).to(vectors.dtype).unsqueeze(-1)  # [B, T, 1]
        x = vectors * mask
        count = mask.sum(1).clamp(min=1.0)
        sif_mean = (x * weights.unsqueeze(-1)).sum(1) / count
        g = weights.unsqueeze(-1) * torch.exp(torch.tanh(self.gate(x))) * mask
        gated_mean = (x * g).sum(1) / g.sum(1).clamp(min=1e-6)
        h = torch.relu(self.conv1(x.transpose(1, 2))) * mask.transpose(1, 2)
        h = h + torch.relu(self.conv2(h)) * mask.transpose(1, 2)
        h = h.transpose(1, 2)  # [B, T, W]
        h_mean = (h * g).sum(1) / g.sum(1).clamp(min=1e-6)
        h_max = h.max(1).values
        return self.project(torch.cat([sif_mean, gated_mean, h_mean, h_max], dim=1))


def batch_of(texts):
    length = max(len(t) for t in texts)
    ids = torch.zeros(len(texts), length, dtype=torch.long)
    w = torch.zeros(len(texts), length)
    for i, t in enumerate(texts):
        ids[i, : len(t)] = torch.tensor(t)
        w[i, : len(t)] = sif[torch.tensor(t)]
    return table[ids], w


model = SentenceEncoder(dims_in, args.width, args.dims)
optimiser = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-4)
schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=2e-3, total_steps=args.steps, pct_start=0.1)
scale = 20.0
started = time.time()
for step in range(args.steps):
    anchors, positives = [], []
    for c in random.sample(clusters, min(args.batch, len(clusters))):
        a, p = random.sample(c, 2)
        anchors.append(a)
        positives.append(p)
    for a, p in random.sample(pairs, min(args.doc_pairs, len(pairs))):
        anchors.append(a)
        positives.append(p)
    # Intent utterances and document pairs are padded apart: passages are long, utterances short.
    n = len(anchors) - min(args.doc_pairs, len(pairs))
    embed = lambda texts: torch.cat([model(*batch_of(texts[:n])), model(*batch_of(texts[n:]))]) if n < len(texts) else model(*batch_of(texts))
    ea = nn.functional.normalize(embed(anchors), dim=1)
    ep = nn.functional.normalize(embed(positives), dim=1)
    logits = ea @ ep.T * scale
    target = torch.arange(len(anchors))
    loss = (nn.functional.cross_entropy(logits, target) + nn.functional.cross_entropy(logits.T, target)) / 2
    optimiser.zero_grad()
    loss.backward()
    optimiser.step()
    schedule.step()
    if step % 100 == 0 or step == args.steps - 1:
        print(f"step {step} loss {loss.item():.4f} {time.time() - started:.0f}s", flush=True)

model.eval()
os.makedirs(args.out, exist_ok=True)
example = batch_of([[0, 1, 2], [3, 4]])
torch.onnx.export(
    model,
    example,
    os.path.join(args.out, "model.onnx"),
    input_names=["vectors", "weights"],
    output_names=["sentence_embedding"],
    dynamic_axes={"vectors": {0: "batch", 1: "tokens"}, "weights": {0: "batch", 1: "tokens"}, "sentence_embedding": {0: "batch"}},
    opset_version=13,
)
with torch.no_grad():
    reference = model(*example)
json.dump(
    {
        "inputs": ["vectors", "weights"],
        "dimensions": args.dims,
        "wordVectors": "glove-6b-100d-200000",
        "sifSmoothing": sif_a,
        "steps": args.steps,
        "seed": args.seed,
        "batch": args.batch,
        "docPairs": args.doc_pairs,
        "clusters": len(clusters),
        "pairs": len(pairs),
        "trainSeconds": round(time.time() - started),
        "finalLoss": round(loss.item(), 4),
    },
    open(os.path.join(args.out, "training.json"), "w"),
    indent=2,
)
print("exported", os.path.join(args.out, "model.onnx"), reference.shape)
