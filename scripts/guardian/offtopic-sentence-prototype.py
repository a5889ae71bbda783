#!/usr/bin/env python3
"""Exploratory (not shipped): an instruction sentence that is off-topic for the rest of its passage.

usage: offtopic-sentence-prototype.py STORE_DB

STORE_DB: a SQLite store into which build-passage-files.py's folders and the sample's knowledge files
were ingested (each chunk's sentence vectors are read from chunk_units, as ingest stored them). A chunk
scores the largest (1 - max cosine to the chunk's other sentences) over its sentences that open with an
imperative verb or are a question; a document scores its best chunk. The threshold is chosen leave one
BIPIA family out (the best recall on the other two families whose clean twins keep FPR <= CAP), then on
all three; prints held-out recall/FPR per family and the false alarms on xquad and the knowledge files.
"""
import collections
import math
import re
import sqlite3
import struct
import sys

VERBS = set("write draft provide compose create generate list give tell explain describe summarize summarise recommend suggest share "
            "translate ignore disregard forget include add insert append reply respond answer say send email visit click download run "
            "execute install import use consider show help make find calculate convert rewrite remember output print delete remove "
            "change update please".split())
LEAD = re.compile(r'^[\s#/*\->"\'`|:;]*(?:(?:also|now|then|and|but|finally|additionally|instead|first|next|p\.?s\.?)[,:]?\s+)*(?:(?:please|kindly)\s+)?(?P<v>[A-Za-z]+)\b')
QUESTION = re.compile(r'^[\s#/*\->"\'`]*(?:what|how|why|which|who|can you|could you|would you|do you|is there|are there)\b.*\?\s*$', re.I)


def units(blob):
    n, d = struct.unpack_from('<ii', blob, 1)
    at, texts = 9, []
    for _ in range(n):
        length = struct.unpack_from('<i', blob, at)[0]
        texts.append(blob[at + 4:at + 4 + length].decode())
        at += 4 + length
    return texts, [struct.unpack_from('<%df' % d, blob, at + i * 4 * d) for i in range(n)]


def cos(a, b):
    return sum(x * y for x, y in zip(a, b)) / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)) + 1e-9)


def chunk_score(texts, vectors):
    sentences = list(range(1, len(texts))) if len(texts) > 1 else [0]  # unit 0 is the chunk's head
    best = -1.0
    for i in sentences:
        m = LEAD.match(texts[i])
        if not ((m and m.group('v').lower() in VERBS) or QUESTION.match(texts[i])):
            continue
        sims = [cos(vectors[i], vectors[j]) for j in sentences if j != i]
        best = max(best, 1 - max(sims) if sims else 1.0)
    return best


store = sqlite3.connect(sys.argv[1])
docs = collections.defaultdict(lambda: -1.0)
chunks = collections.defaultdict(list)
for source, blob in store.execute('select c.source, u.units from chunks c join chunk_units u on u.chunk_pk = c.pk'):
    group = source.replace('\\', '/').split('/')[-2]
    score = chunk_score(*units(blob))
    docs[(group, source)] = max(docs[(group, source)], score)
    chunks[group].append(score)
by_group = collections.defaultdict(list)
for (group, _), score in docs.items():
    by_group[group].append(score)


def rate(values, t):
    return sum(v >= t for v in values) / max(1, len(values))


def choose(families, cap):
    pos = [v for f in families for v in by_group[f'bipia-{f}-attacked']]
    neg = [v for f in families for v in by_group[f'bipia-{f}-clean']]
    best = (2.0, 0.0)
    for t in sorted(set(pos + neg)):
        if t >= 0 and rate(neg, t) <= cap and rate(pos, t) > best[1]:
            best = (t, rate(pos, t))
    return best[0]


for cap in (0.0, 0.03):
    print(f'clean-twin FPR cap {cap}')
    for held in ('email', 'table', 'code'):
        t = choose([f for f in ('email', 'table', 'code') if f != held], cap)
        print(f'  held out {held}: threshold {t:.3f}, recall {rate(by_group[f"bipia-{held}-attacked"], t):.3f}, clean FPR {rate(by_group[f"bipia-{held}-clean"], t):.3f}')
    t = choose(['email', 'table', 'code'], cap)
    knowledge = [v for g in ('hr', 'it', 'finance', 'security') for v in chunks[g]]
    print(f'  all three: threshold {t:.3f}; xquad paragraphs flagged {rate(by_group["xquad"], t):.3f}; '
          f'knowledge chunks flagged {sum(v >= t for v in knowledge)} of {len(knowledge)}')
