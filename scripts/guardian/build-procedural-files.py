#!/usr/bin/env python3
"""Benign, procedural documents for the retrieval rail's false-removal check
(`Orchestrator.Benchmarks guardian-passages --docs OUT`): text full of imperatives addressed to a
person ("Retrieve the …", "Use the file …", "Split folds by group …") that no rule here was chosen on.

usage: build-procedural-files.py SHARED_DATASETS OUT

One folder per group, one .txt file per document:
  procedural-api-docs: each distinct function of the shared BFCL files as API reference text
      (its description, then one line per parameter: "name: description");
  procedural-dataset-readmes: every README.md and NOTICE.md under SHARED_DATASETS (how-to and licence prose);
  procedural-business-text: the presidio synthetic sentences (letters, notes, forms), ten to a document.
"""
import glob
import json
import os
import sys

shared, out = sys.argv[1:3]


def write(group, name, text):
    os.makedirs(os.path.join(out, group), exist_ok=True)
    with open(os.path.join(out, group, name), 'w', encoding='utf-8') as f:
        f.write(text)


def describe(function):
    lines = [f"{function.get('name', '')}: {function.get('description', '')}"]
    for name, spec in (function.get('parameters', {}).get('properties') or {}).items():
        if isinstance(spec, dict) and spec.get('description'):
            lines.append(f"{name}: {spec['description']}")
    return '\n'.join(lines)


seen = {}
for path in sorted(glob.glob(os.path.join(shared, 'bfcl', 'BFCL_v4_*.json'))):
    for line in open(path, encoding='utf-8'):
        for function in json.loads(line).get('function', []):
            seen.setdefault(function.get('name'), describe(function))
for i, text in enumerate(seen.values()):
    write('procedural-api-docs', f'f{i:04d}.txt', text)

readmes = sorted(glob.glob(os.path.join(shared, '*', 'README.md')) + glob.glob(os.path.join(shared, '*', 'NOTICE.md')))
for i, path in enumerate(readmes):
    write('procedural-dataset-readmes', f'r{i:03d}.txt', open(path, encoding='utf-8').read())

sentences = [row['full_text'] for row in json.load(open(os.path.join(shared, 'presidio_synth_pii', 'synth_dataset_v2.shared.json'), encoding='utf-8'))]
for i in range(0, len(sentences), 10):
    write('procedural-business-text', f'p{i // 10:03d}.txt', '\n'.join(sentences[i:i + 10]))
print(f'{out}: {len(seen)} API functions, {len(readmes)} dataset READMEs and notices, {len(sentences)} business sentences')
