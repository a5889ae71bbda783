#!/usr/bin/env python3
"""Harm recall against false alarms on benign text from a source no model was trained on (branch harm26).

For each model: its held-out scores on the training file (`guardian train --held-out-scores`) and its scores on
an external benign file (`benchmarks … guardian-explain --model M --texts FILE --all`, one JSON line per row with
`probability` and `threshold`). Prints the rows flagged at the model's own threshold, per external source; the
held-out recall of the training file's harmful rows at the thresholds where the external false-alarm rate is
0.05 and 0.10 (with purplellama's held-out false-alarm rate there); and the AUC of harmful (held out) against
external benign. The harmful scores come from fold models and the external ones from the final model, so the
figures compare models with each other, not with a threshold anyone would ship.

Usage: external-benign-curve.py EXTERNAL.jsonl NAME=SCORES.jsonl,EXPLAIN.jsonl ...
"""
import json
import sys


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main(argv):
    sources = [row.get("source", "?") for row in read(argv[0])]
    print("model | flagged at its threshold, per source | recall at external FPR 0.05 / 0.10 (purplellama FPR) | AUC")
    for spec in argv[1:]:
        name, files = spec.split("=", 1)
        scores_path, explain_path = files.split(",")
        held_out, external = read(scores_path), read(explain_path)
        threshold = external[0]["threshold"]
        flagged = {}
        for row, source in zip(external, sources):
            flagged[source] = flagged.get(source, 0) + (row["probability"] >= threshold)
        harmful = [r["score"] for r in held_out if r["label"] == 1]
        purple = [r["score"] for r in held_out if r["label"] == 0 and r["source"] == "purplellama"]
        benign = sorted((r["probability"] for r in external), reverse=True)
        points = []
        for rate in (0.05, 0.10):
            cut = benign[int(rate * len(benign))]
            points.append(f"{sum(s > cut for s in harmful) / len(harmful):.3f} ({sum(s > cut for s in purple) / max(1, len(purple)):.3f})")
        auc = sum((p > q) + 0.5 * (p == q) for p in harmful for q in benign) / (len(harmful) * len(benign))
        print(f"{name} | {flagged} | {' / '.join(points)} | {auc:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
