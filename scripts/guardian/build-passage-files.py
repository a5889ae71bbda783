#!/usr/bin/env python3
"""Documents for the retrieval rail's passage check (`Orchestrator.Benchmarks guardian-passages --docs OUT`).

usage: build-passage-files.py SHARED_DATASETS UNSEEN_JSONL OUT

One folder per group, one .txt file per document:
  bipia-{email,table,code}-{attacked,clean}: the BIPIA pairs of guardian_injection_train (the same
      e-mail, table or code with and without an injected instruction; code_train and code_snippet_train are "code");
  xquad: every xquad_en paragraph (ordinary prose, benign);
  unseen-bare: each positive of the unseen injecguard file (build-latency-files.py) as a passage by itself;
  unseen-in-paragraph: the same payload inserted between two sentences of a random xquad paragraph (seed 22),
      as a poisoned web page or wiki article would hold it.
"""
import json
import os
import random
import re
import sys

shared, unseen_path, out = sys.argv[1:4]
FAMILY = {'bipia/email_train': 'email', 'bipia/table_train': 'table', 'bipia/code_train': 'code', 'bipia/code_snippet_train': 'code'}


def write(group, name, text):
    os.makedirs(os.path.join(out, group), exist_ok=True)
    with open(os.path.join(out, group, name), 'w', encoding='utf-8') as f:
        f.write(text)


rows = [json.loads(line) for line in open(os.path.join(shared, 'guardian_injection_train', 'train.jsonl'), encoding='utf-8')]
bipia = [r for r in rows if 'bipia' in r['group']]
for i, r in enumerate(bipia):
    write(f"bipia-{FAMILY[r['group'].split(':')[0]]}-{'attacked' if r['label'] == 1 else 'clean'}", f'b{i:04d}.txt', r['text'])

xquad = json.load(open(os.path.join(shared, 'xquad_en', 'xquad.en.shared.json'), encoding='utf-8'))
paragraphs = [p['context'] for a in xquad['data'] for p in a['paragraphs']]
for i, p in enumerate(paragraphs):
    write('xquad', f'x{i:04d}.txt', p)

unseen = [json.loads(line) for line in open(unseen_path, encoding='utf-8')]
rnd = random.Random(22)
for i, x in enumerate(u for u in unseen if u['label'] == 1):
    write('unseen-bare', f'u{i:03d}.txt', x['text'])
    sentences = re.split(r'(?<=[.!?])\s+', paragraphs[rnd.randrange(len(paragraphs))])
    sentences.insert(rnd.randrange(len(sentences) + 1), x['text'])
    write('unseen-in-paragraph', f'u{i:03d}.txt', ' '.join(sentences))
print(f'{out}: {len(bipia)} BIPIA documents, {len(paragraphs)} xquad paragraphs, {sum(u["label"] == 1 for u in unseen)} unseen payloads')
