#!/usr/bin/python3
"""Trains a small Llama-style model on a corpus from `parley train-model` and exports it for parley.

Run by `npx parley train-model --bot <dir>` (a build step run by hand, never in CI); by hand:

    /usr/bin/python3 engine/llm/training/train-model.py --corpus C.jsonl --out DIR --checkpoint CK.pt --steps N

The corpus is JSON lines: a header {"chatTemplate", "specialTokens", "botName"} and then samples
{"split", "prompt", "completion", ...} rendered by the runtime's own chat template. The script learns a
byte-level BPE tokenizer on the corpus, trains a decoder (RMSNorm, rotary positions, SwiGLU, grouped-query
attention) with the loss on the answers, deterministically from a seed (batch i is drawn from its own seeded
generator, so a resumed run sees the same batches), writes a resumable checkpoint every few minutes, and
exports the Hugging Face / ONNX layout parley loads (onnx/model.onnx with a KV cache, tokenizer.json,
tokenizer_config.json with the chat template, config.json, generation_config.json) plus reference.json:
greedy continuations from this script's PyTorch forward pass over exactly the exported weights. Needs
Debian's python3-torch, python3-onnx, python3-regex and libopenblas0-pthread (without OpenBLAS torch uses
the reference BLAS and trains ~20x slower); on a machine with CUDA it trains there.
"""

import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

from bpe_tokenizer import Tokenizer, learn_merges, special_split
from llama_model import Llama, export, greedy

SEED = 1234
COMMON = dict(num_key_value_heads=2, head_dim=32, rms_norm_eps=1e-5, rope_theta=10000.0)
SIZES = {
    "tiny": dict(hidden_size=128, intermediate_size=384, num_hidden_layers=4, num_attention_heads=4, **COMMON),
    "small": dict(hidden_size=192, intermediate_size=512, num_hidden_layers=6, num_attention_heads=6, **COMMON),
    "base": dict(hidden_size=384, intermediate_size=1024, num_hidden_layers=8, num_attention_heads=12, **COMMON),
}


# ---------------------------------------------------------------- training

def encode_sample(tok, prompt, completion, max_len):
    p, c = tok.encode(prompt), tok.encode(completion)
    ids = (p + c)[-max_len:]
    weights = ([0.02] * len(p) + [1.0] * len(c))[-max_len:]
    return ids, weights


def batch(samples, step, size, device):
    rng = random.Random(SEED * 1000003 + step)
    chosen = [samples[rng.randrange(len(samples))] for _ in range(size)]
    length = max(len(ids) for ids, _ in chosen)
    ids = torch.zeros(size, length, dtype=torch.long)
    weights = torch.zeros(size, length)
    for row, (tokens, w) in enumerate(chosen):
        ids[row, :len(tokens)] = torch.tensor(tokens)
        weights[row, :len(w)] = torch.tensor(w)
    return ids.to(device), weights.to(device)


def progress(step, total, loss, started, first_step):
    done = step - first_step
    rate = (time.time() - started) / max(1, done)
    width = 30
    filled = int(width * step / total)
    eta = rate * (total - step)
    sys.stderr.write(f"\rtraining [{'#' * filled}{'.' * (width - filled)}] {step}/{total} loss {loss:.3f} "
                     f"{rate:.2f}s/step eta {eta / 60:.1f} min ")
    sys.stderr.flush()


def train(model, samples, steps, batch_size, lr, checkpoint, device, every_s, max_seconds=0.0):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    step, spent, segments, loss_avg = 0, 0.0, [], None
    if checkpoint and os.path.exists(checkpoint):
        state = torch.load(checkpoint, map_location=device)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        step, spent = state["step"], state.get("seconds", 0.0)
        segments = state.get("segments", [{"from": 0, "to": step, "schedule": step}])
        loss_avg = state.get("loss")
        print(f"resumed from {checkpoint} at step {step}", file=sys.stderr)
    if step < steps and not (segments and segments[-1]["schedule"] == steps):
        # A run resumed with more steps than it started with continues on the longer run's cosine curve.
        segments.append({"from": step, "to": step, "schedule": steps})
    started, first, saved = time.time(), step, time.time()
    while step < steps:
        if max_seconds and time.time() - started > max_seconds:
            print(f"\nstopped at step {step} after {max_seconds / 60:.1f} minutes (--max-minutes)", file=sys.stderr)
            break
        for group in opt.param_groups:
            group["lr"] = lr * min(1.0, (step + 1) / 100) * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * step / steps)))
        ids, weights = batch(samples, step, batch_size, device)
        inputs, targets, w = ids[:, :-1], ids[:, 1:], weights[:, 1:]
        pos = torch.arange(inputs.shape[1], device=device)[None].expand_as(inputs)
        logits, _ = model(inputs, torch.ones_like(inputs), pos)
        loss = (F.cross_entropy(logits.transpose(1, 2), targets, reduction="none") * w).sum() / w.sum()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        segments[-1]["to"] = step
        loss_avg = loss.item() if loss_avg is None else 0.98 * loss_avg + 0.02 * loss.item()
        progress(step, steps, loss_avg, started, first)
        if checkpoint and (time.time() - saved > every_s or step == steps or
                           (max_seconds and time.time() - started > max_seconds)):
            torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step,
                        "seconds": spent + time.time() - started, "segments": segments, "loss": loss_avg}, checkpoint + ".tmp")
            os.replace(checkpoint + ".tmp", checkpoint)
            saved = time.time()
    sys.stderr.write("\n")
    return spent + time.time() - started, loss_avg, segments


SHARD_BYTES = 15 * 1024 * 1024


def write_weights(model, directory, merges, state):
    """The model's weights (fp32, CPU) in files under 16 MB, with the tokenizer merges and the training state, so
    a run on another machine (a GPU lent for minutes, which returns only small files) can be exported here."""
    os.makedirs(directory, exist_ok=True)
    shards, current, size = [], {}, 0
    for name, tensor in model.state_dict().items():
        nbytes = tensor.numel() * tensor.element_size()
        if current and size + nbytes > SHARD_BYTES:
            shards.append(current)
            current, size = {}, 0
        current[name] = tensor.detach().to("cpu").contiguous()
        size += nbytes
    shards.append(current)
    for i, shard in enumerate(shards):
        torch.save(shard, os.path.join(directory, f"weights-{i:02d}.pt"))
    write_json(directory, "merges.json", merges)
    write_json(directory, "state.json", {**state, "shards": len(shards)}, indent=2)


def read_weights(model, directory, size):
    with open(os.path.join(directory, "state.json"), encoding="utf-8") as f:
        state = json.load(f)
    if state["size"] != size:
        sys.exit(f"{directory} holds a {state['size']} model; export it with --size {state['size']}")
    weights = {}
    for i in range(state["shards"]):
        weights.update(torch.load(os.path.join(directory, f"weights-{i:02d}.pt"), map_location="cpu"))
    model.load_state_dict(weights)
    return state


def write_json(out, name, value, indent=None):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=indent)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--checkpoint", default="")
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--merges", type=int, default=1500)
    ap.add_argument("--max-len", type=int, default=384)
    ap.add_argument("--threads", type=int, default=int(os.environ.get("TRAIN_THREADS", "2")))
    ap.add_argument("--checkpoint-every", type=float, default=120.0, help="seconds between checkpoints")
    ap.add_argument("--size", choices=sorted(SIZES), default="small", help="model size")
    ap.add_argument("--skip-export", action="store_true", help="train (or resume) only; write the weights")
    ap.add_argument("--max-minutes", type=float, default=0.0, help="stop training after this long (checkpointed)")
    ap.add_argument("--weights-out", default="", help="also write the weights, merges and state here in files < 16 MB")
    ap.add_argument("--weights-in", default="", help="export the weights a --weights-out run wrote instead of training")
    args = ap.parse_args()

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    with open(args.corpus, encoding="utf-8") as f:
        header = json.loads(f.readline())
        records = [json.loads(line) for line in f if line.strip()]
    train_records = [r for r in records if r["split"] == "train"]
    specials = header["specialTokens"]
    split = special_split(specials)
    merges_file = os.path.join(os.path.dirname(args.checkpoint or args.out), "merges.json") if args.checkpoint else ""
    if args.weights_in:
        merges_file = os.path.join(args.weights_in, "merges.json")
    if merges_file and os.path.exists(merges_file):
        with open(merges_file) as f:
            merges = [tuple(m) for m in json.load(f)]
    else:
        rng = random.Random(SEED)
        texts = [r["prompt"] + r["completion"] for r in rng.sample(train_records, min(2000, len(train_records)))]
        merges = learn_merges(texts, args.merges, split)
        if merges_file:
            with open(merges_file, "w") as f:
                json.dump(merges, f)
    tok = Tokenizer(merges, specials)
    vocab_size = -(-tok.size() // 64) * 64
    samples = [encode_sample(tok, r["prompt"], r["completion"], args.max_len) for r in train_records]
    mean = sum(len(s[0]) for s in samples) / len(samples)
    config = SIZES[args.size]
    model = Llama(config, vocab_size).to(device)
    params = sum(p.numel() for p in model.parameters())
    print(f"{len(samples)} samples, mean {mean:.0f} tokens; vocab {tok.size()} (logits {vocab_size}); "
          f"{params / 1e6:.2f}M parameters; {device}, {args.threads} threads", file=sys.stderr)
    if args.weights_in:
        state = read_weights(model, args.weights_in, args.size)
        seconds, loss, segments, device = state["seconds"], state["loss"], state["segments"], state["device"]
        args.steps, args.threads, trained_torch = state["step"], state["threads"], state["torch"]
    else:
        trained_torch = torch.__version__
        seconds, loss, segments = train(model, samples, args.steps, args.batch, args.lr, args.checkpoint, device,
                                        args.checkpoint_every, args.max_minutes * 60)
        args.steps = segments[-1]["to"] if segments else args.steps
    if args.weights_out:
        write_weights(model, args.weights_out, merges, {"step": args.steps, "seconds": round(seconds), "loss": loss,
                                                         "segments": segments, "device": device, "size": args.size,
                                                         "threads": args.threads, "torch": torch.__version__})
    if args.skip_export:
        return
    model = model.to("cpu").eval()

    os.makedirs(args.out, exist_ok=True)
    export(model, os.path.join(args.out, "onnx", "model.onnx"))
    im_end, eot = tok.special["<|im_end|>"], tok.special["<|endoftext|>"]
    stop_ids = {tok.special[s["content"]] for s in specials if s["special"]} | set(range(tok.size(), vocab_size))
    heldout = [r for r in records if r["split"] == "heldout"]
    picks = [next(r for r in heldout if r["call"] and r["call"]["arguments"]),
             next(r for r in heldout if r["call"] and not r["call"]["arguments"]),
             next(r for r in heldout if r["reply"])]
    reference = []
    for r in picks:
        ids = tok.encode(r["prompt"])
        cont = greedy(model, ids, 48, stop_ids)
        print(f"{r['text']!r} -> {tok.decode(cont)!r}", file=sys.stderr)
        reference.append({"text": r["text"], "messages": r["messages"], "tools": r["tools"], "prompt": r["prompt"],
                          "promptIds": ids, "continuationIds": cont})
    write_json(args.out, "reference.json", {
        "note": "greedy continuations (max 48 tokens, ending at a special token) from train-model.py's PyTorch "
                "forward pass over the exported weights", "eosTokenIds": [im_end, eot], "prompts": reference}, indent=1)
    write_json(args.out, "tokenizer.json", tok.to_json())
    write_json(args.out, "tokenizer_config.json", {
        "add_bos_token": False, "add_prefix_space": False, "bos_token": None, "eos_token": "<|im_end|>",
        "pad_token": "<|endoftext|>", "unk_token": None, "clean_up_tokenization_spaces": False,
        "errors": "replace", "model_max_length": 2048, "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer", "chat_template": header["chatTemplate"],
        "added_tokens_decoder": {str(tok.special[s["content"]]): {"content": s["content"], "lstrip": False,
                                                                  "normalized": False, "rstrip": False,
                                                                  "single_word": False, "special": s["special"]}
                                 for s in specials}}, indent=2)
    write_json(args.out, "config.json", {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": vocab_size,
        "max_position_embeddings": 2048, "hidden_act": "silu", "tie_word_embeddings": True, "torch_dtype": "float32",
        "bos_token_id": eot, "eos_token_id": im_end, "pad_token_id": eot, "attention_bias": False,
        "rope_scaling": None, **config, "transformers.js_config": {"dtype": "fp32"}}, indent=2)
    write_json(args.out, "generation_config.json", {"bos_token_id": eot, "eos_token_id": [im_end, eot],
                                                    "pad_token_id": eot, "do_sample": False, "max_new_tokens": 256},
               indent=2)
    write_json(args.out, "training.json", {
        "parameters": params, "size": args.size, "vocab": tok.size(), "steps": args.steps, "batch": args.batch,
        "lr": args.lr, "train_samples": len(samples), "mean_tokens": round(mean), "seconds": round(seconds),
        "final_loss": round(loss, 4) if loss is not None else None, "segments": segments, "device": device, "threads": args.threads,
        "torch": trained_torch}, indent=2)


if __name__ == "__main__":
    main()
