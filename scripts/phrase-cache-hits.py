#!/usr/bin/env python3
"""How much of tool grounding's phrase work a cross-request cache saves on *distinct* requests.

Replicates Grounding.Windows (three-word windows, wider stride past 48) and PhraseVectorCache.KeyOf
(ASCII folded to lower case, phrases over 256 characters not kept), then walks the requests of each
BFCL question file in order and counts the phrases an unbounded cache would already hold. Every
BFCL row is one request to the selector, and each is asked once, so this is the honest hit rate
for traffic that does not repeat (the `load` run repeats 29 questions and overstates it).

Usage: python3 scripts/phrase-cache-hits.py ../shared/datasets/bfcl/BFCL_v4_*.json
"""
import json
import sys


def windows(request):
    words = request.split()
    if len(words) <= 3:
        return [" ".join(words)] if words else []
    starts = len(words) - 2
    stride = max(1, (starts + 47) // 48)
    return [" ".join(words[i:i + 3]) for i in range(starts) if i % stride == 0]


def key(phrase):
    if len(phrase) > 256:
        return None
    return phrase.lower() if phrase.isascii() else phrase


def requests_of(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                yield "\n".join(m.get("content") or "" for turn in row["question"] for m in turn if m.get("role") == "user")


for path in sys.argv[1:]:
    requests = list(requests_of(path))
    seen, total, hits = set(), 0, 0
    for request in requests:
        for phrase in windows(request):
            total += 1
            k = key(phrase)
            if k is None:
                continue
            if k in seen:
                hits += 1
            else:
                seen.add(k)
    print(f"{path.split('/')[-1]}: requests {len(requests)} (distinct {len(set(requests))}), phrases {total} "
          f"({total / max(1, len(requests)):.2f} per request), cache hits {hits} ({hits / max(1, total):.3f}), distinct phrases {len(seen)}")
