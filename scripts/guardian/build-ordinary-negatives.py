#!/usr/bin/env python3
"""Ordinary requests from the TRAINING splits of other shared datasets, as extra benign rows for `guardian train`.

The harm training file's benign requests hold few first-person questions ("Can I ...?", "How do I ...?"),
while most of its harmful requests are such questions, so a model learns the question frame (and the
'?' cue) as a harm signal and flags ordinary help-desk questions (docs/benchmarks.md, branch harm26).
This writes label-0 rows {text, label, source, kind, group} to OUT_DIR/ordinary_negatives.jsonl:
  clinc150/train-extra   N rows of CLINC150's train split (never val or oos_val, which
                         build-ordinary-questions.py measures on)
  banking77/train-extra  N rows of Banking77's train.csv, minus the 2,000 rows build-ordinary-questions.py
                         samples (seed 1) for its measurement file
  bfcl/questions         N user requests of the BFCL v4 files (function-calling questions)
  injecguard/NotInject_* the 171 benign NotInject prompts of the injection training file
                         (guardian_injection_train: harmless prompts built around trigger words, mostly questions and
                         requests, "Can I ignore this warning appeared in my code?"), all of them: safe text that
                         sounds alarming, a calibration family for the shipped harm model (--calibrate-on injecguard)
Rows are chosen by the SHA-256 of the text (no look at the text's form), after dropping texts already in
the harm training file (normalised: lower case, word characters only). The source families clinc150 and
banking77 are the training file's own, so leave-one-source-out holds each out whole with its new rows;
bfcl is a new family.

Usage: python3 scripts/guardian/build-ordinary-negatives.py ../shared/datasets OUT_DIR [N=400] (the NotInject rows are always all 171)
then:  orchestrator guardian train ... --data ../shared/datasets/guardian_harm_train/train.jsonl OUT_DIR/ordinary_negatives.jsonl
"""
import csv
import glob
import hashlib
import json
import os
import random
import re
import sys


def normalised(text):
    return " ".join(re.findall(r"\w+", text.lower()))


def by_hash(texts, n, taken):
    unique = {}
    for text in texts:
        key = normalised(text)
        if key and key not in taken and key not in unique:
            unique[key] = text
    ranked = sorted(unique.items(), key=lambda kv: hashlib.sha256(kv[1].encode("utf-8")).hexdigest())
    chosen = [text for _, text in ranked[:n]]
    taken.update(normalised(t) for t in chosen)
    return chosen


def main():
    datasets, out = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 400
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(datasets, "guardian_harm_train", "train.jsonl"), encoding="utf-8") as f:
        taken = {normalised(json.loads(line)["text"]) for line in f}
    with open(os.path.join(datasets, "clinc150", "data_full_trainval.json"), encoding="utf-8") as f:
        clinc = [text for text, _ in json.load(f)["train"]]
    with open(os.path.join(datasets, "banking77", "train.csv"), encoding="utf-8") as f:
        banking = [row["text"] for row in csv.DictReader(f)]
    # The same draw as build-ordinary-questions.py, so its measurement rows stay out of training.
    random.seed(1)
    measured = set(random.sample(banking, 2000))
    banking = [t for t in banking if t not in measured]
    bfcl = []
    for path in sorted(glob.glob(os.path.join(datasets, "bfcl", "BFCL_v4_*.json"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                for turn in json.loads(line)["question"]:
                    bfcl.extend(m["content"] for m in turn if m["role"] == "user")
    with open(os.path.join(datasets, "guardian_injection_train", "train.jsonl"), encoding="utf-8") as f:
        notinject = [json.loads(line) for line in f]
    notinject = [(r["source"], r["text"]) for r in notinject if r["label"] == 0 and r["source"].startswith("injecguard/")]
    with open(os.path.join(out, "ordinary_negatives.jsonl"), "w", encoding="utf-8") as w:
        for source, texts in (("clinc150/train-extra", clinc), ("banking77/train-extra", banking), ("bfcl/questions", bfcl)):
            for i, text in enumerate(by_hash(texts, n, taken)):
                w.write(json.dumps({"text": text, "label": 0, "source": source, "kind": "prompt", "category": None, "group": f"{source}:{i}"}) + "\n")
        for i, (source, text) in enumerate(notinject):
            w.write(json.dumps({"text": text, "label": 0, "source": source, "kind": "prompt", "category": None, "group": f"{source}:{i}"}) + "\n")


if __name__ == "__main__":
    main()
