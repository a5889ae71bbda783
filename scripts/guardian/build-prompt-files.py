#!/usr/bin/env python3
"""User prompts as documents, to ask what a passage cue would do on the input rail
(`Orchestrator.Benchmarks guardian-passages --docs OUT --details`): the non-BIPIA rows of
guardian_injection_train (training data only), one folder per label and source, one .txt file per row.

usage: build-prompt-files.py SHARED_DATASETS OUT
"""
import json
import os
import re
import sys

shared, out = sys.argv[1:3]
rows = [json.loads(line) for line in open(os.path.join(shared, 'guardian_injection_train', 'train.jsonl'), encoding='utf-8')]
written = 0
for i, r in enumerate(rows):
    if 'bipia' in r['group'] or r['source'].startswith('xquad'):
        continue
    group = ('attack-' if r['label'] == 1 else 'benign-') + re.sub(r'[^a-z0-9]+', '-', r['source'].lower()).strip('-')
    os.makedirs(os.path.join(out, group), exist_ok=True)
    with open(os.path.join(out, group, f'r{i:04d}.txt'), 'w', encoding='utf-8') as f:
        f.write(r['text'])
    written += 1
print(f'{out}: {written} prompts')
