"""The byte-level BPE tokenizer parley's trained models use (GPT-2 style bytes-to-unicode, the Qwen2
pre-tokenisation pattern): learning merges from text, encoding, and writing tokenizer.json in the Hugging Face
layout. Shared by train-model.py and the test fixture's build script."""

import math
from collections import Counter

import regex

from llama_model import BYTE_CHARS, PRETOKENIZE

PRE = regex.compile(PRETOKENIZE)


def special_split(specials):
    """A pattern that splits text around the special tokens ({"content", "special"} entries), keeping them."""
    return regex.compile("(" + "|".join(regex.escape(s["content"]) for s in specials) + ")")


def pretokens(text):
    for piece in PRE.findall(text):
        yield "".join(BYTE_CHARS[b] for b in piece.encode("utf-8"))


def learn_merges(texts, count, split, specials_as_text=True, min_count=2):
    """`count` merges, the most frequent pair first (ties broken by the pair). `specials_as_text` also counts
    the special tokens' own text as words; learning stops at pairs seen fewer than `min_count` times."""
    words = Counter()
    for text in texts:
        for part in split.split(text):
            if part and (specials_as_text or not split.fullmatch(part)):
                words.update(pretokens(part))
    symbols = {w: list(w) for w in words}
    merges = []
    for _ in range(count):
        pairs = Counter()
        for w, freq in words.items():
            s = symbols[w]
            for pair in zip(s, s[1:]):
                pairs[pair] += freq
        if not pairs:
            break
        best, seen = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        if seen < min_count:
            break
        merges.append(best)
        for w in words:
            s, out, i = symbols[w], [], 0
            while i < len(s):
                if i + 1 < len(s) and (s[i], s[i + 1]) == best:
                    out.append(s[i] + s[i + 1])
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            symbols[w] = out
    return merges


class Tokenizer:
    def __init__(self, merges, specials):
        self.merges = merges
        self.specials = specials
        self.vocab = {BYTE_CHARS[b]: b for b in range(256)}
        for a, b in merges:
            self.vocab[a + b] = len(self.vocab)
        self.special = {s["content"]: len(self.vocab) + i for i, s in enumerate(specials)}
        self.split = special_split(specials)
        self.ranks = {pair: i for i, pair in enumerate(merges)}
        self.cache = {}

    def bpe(self, word):
        if word in self.cache:
            return self.cache[word]
        s = list(word)
        while len(s) > 1:
            rank, i = min((self.ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(s, s[1:])))
            if rank == math.inf:
                break
            s = s[:i] + [s[i] + s[i + 1]] + s[i + 2:]
        ids = [self.vocab[t] for t in s]
        self.cache[word] = ids
        return ids

    def encode(self, text):
        ids = []
        for part in self.split.split(text):
            if not part:
                continue
            if part in self.special:
                ids.append(self.special[part])
            else:
                for w in pretokens(part):
                    ids.extend(self.bpe(w))
        return ids

    def decode(self, ids):
        inverse = {c: b for b, c in BYTE_CHARS.items()}
        by_id = {i: t for t, i in self.vocab.items()}
        names = {i: s for s, i in self.special.items()}
        out = b""
        for i in ids:
            out += names[i].encode() if i in names else bytes(inverse[ch] for ch in by_id.get(i, ""))
        return out.decode("utf-8", "replace")

    def size(self):
        return len(self.vocab) + len(self.special)

    def to_json(self):
        split = {"type": "Split", "pattern": {"Regex": PRETOKENIZE}, "behavior": "Isolated", "invert": False}
        byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
        return {
            "version": "1.0", "truncation": None, "padding": None,
            "added_tokens": [{"id": self.special[s["content"]], "content": s["content"], "single_word": False,
                              "lstrip": False, "rstrip": False, "normalized": False, "special": s["special"]}
                             for s in self.specials],
            "normalizer": None,
            "pre_tokenizer": {"type": "Sequence", "pretokenizers": [split, byte_level]},
            "post_processor": None, "decoder": byte_level,
            "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                      "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                      "vocab": self.vocab, "merges": [[a, b] for a, b in self.merges]},
        }
