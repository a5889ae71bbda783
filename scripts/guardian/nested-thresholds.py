#!/usr/bin/env python3
"""Nested threshold figures from `guardian train --held-out-scores FILE` (JSON lines {source, label, score}).

For each file prints (docs/benchmarks.md, branch harm21):
  * nested figures: every source family judged by the threshold its rule sets on the *other* families'
    held-out scores, for target rates 0.010..0.080, under the pooled rule (`guardian train`'s default: the
    stricter of the calibration families' pooled rate and every benign row's) and the per-family rule
    (`--per-family-threshold`); the best nested recall with nested over-refusal <= 0.03 / 0.05 / 0.071
    (a read-off with hindsight, for comparing models only);
  * doubly nested: for each held-out family, the target whose nested over-refusal on the other families is
    <= 0.05 with the most recall, applied to that family.
Over-refusal is the false-positive rate on the calibration families' benign rows (--calibrate, default the
shipped harm model's: purplellama toxigen gptfuzz). Mirrors SourceCrossValidation (C#) to the fourth digit.

--judge FAMILIES reports over-refusal on other families than those that set the threshold (branch harm26: a model
calibrated on purplellama,toxigen,gptfuzz,injecguard judged on the first three, as older models were).

Usage: nested-thresholds.py SCORES.jsonl... [--calibrate purplellama,toxigen,gptfuzz] [--judge FAMILIES]
"""
import json
import math
import sys


def threshold_for_fpr(scores, target):
    """BinaryMetrics.ThresholdForFpr: flag strictly above the (allowed+1)-th highest benign score."""
    if not scores:
        return 0.5
    ranked = sorted(scores, reverse=True)
    allowed = math.floor(target * len(ranked))
    return math.nextafter(ranked[min(allowed, len(ranked) - 1)], math.inf)


def threshold(rows, target, per_family, calibrate):
    benign = [r["score"] for r in rows if r["label"] == 0]
    calibration = [r for r in rows if r["label"] == 0 and r["source"] in calibrate]
    value = threshold_for_fpr(benign, target)
    if calibration:
        value = max(value, threshold_for_fpr([r["score"] for r in calibration], target))
        if per_family:
            for family in {r["source"] for r in calibration}:
                value = max(value, threshold_for_fpr([r["score"] for r in calibration if r["source"] == family], target))
    return value


def judge(rows, family, value, calibrate, counts):
    for r in rows:
        if r["source"] != family:
            continue
        hit = r["score"] >= value
        if r["label"] == 1:
            counts["pos"] += 1
            counts["tp"] += hit
        else:
            counts["neg"] += 1
            counts["fp"] += hit
            if family in calibrate:
                counts["cneg"] += 1
                counts["cfp"] += hit


def rates(counts):
    return counts["tp"] / max(1, counts["pos"]), counts["cfp"] / max(1, counts["cneg"]), counts["fp"] / max(1, counts["neg"])


def nested(rows, target, per_family, calibrate, judged=None):
    counts = dict(tp=0, pos=0, fp=0, neg=0, cfp=0, cneg=0)
    for family in sorted({r["source"] for r in rows}):
        judge(rows, family, threshold([r for r in rows if r["source"] != family], target, per_family, calibrate), judged or calibrate, counts)
    return rates(counts)


def doubly_nested(rows, targets, calibrate, bound=0.05, judged=None):
    counts = dict(tp=0, pos=0, fp=0, neg=0, cfp=0, cneg=0)
    chosen = {}
    for family in sorted({r["source"] for r in rows}):
        others = [r for r in rows if r["source"] != family]
        best = None
        for target in targets:
            recall, over, _ = nested(others, target, False, calibrate, judged)
            if over <= bound and (best is None or recall > best[0]):
                best = (recall, target)
        chosen[family] = best[1] if best else targets[0]
        judge(rows, family, threshold(others, chosen[family], False, calibrate), judged or calibrate, counts)
    return rates(counts), chosen


def main(argv):
    calibrate = {"purplellama", "toxigen", "gptfuzz"}
    if "--calibrate" in argv:
        i = argv.index("--calibrate")
        calibrate = set(argv[i + 1].split(","))
        del argv[i:i + 2]
    judged = None
    if "--judge" in argv:
        i = argv.index("--judge")
        judged = set(argv[i + 1].split(","))
        del argv[i:i + 2]
    for path in argv:
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        print(path)
        fine = [x / 1000 for x in range(10, 81, 2)]
        for per_family in (False, True):
            points = [(t, *nested(rows, t, per_family, calibrate, judged)) for t in fine]
            rule = "per-family" if per_family else "pooled"
            at = {t: (rec, over, fpr) for t, rec, over, fpr in points}
            rec, over, fpr = at[0.05]
            print(f"  {rule:10s} target 0.05: nested recall {rec:.4f}, over-refusal {over:.4f}, FPR {fpr:.4f}")
            read = []
            for bound in (0.03, 0.05, 0.071):
                ok = [p[1] for p in points if p[2] <= bound]
                read.append(f"<= {bound}: {max(ok):.4f}" if ok else f"<= {bound}: -")
            print(f"  {rule:10s} best nested recall at nested over-refusal " + ", ".join(read))
        (rec, over, fpr), chosen = doubly_nested(rows, [x / 1000 for x in range(10, 71, 5)], calibrate, judged=judged)
        print(f"  doubly nested (target chosen on the other families): recall {rec:.4f}, over-refusal {over:.4f}, FPR {fpr:.4f}; targets {chosen}")


if __name__ == "__main__":
    main(sys.argv[1:])
