#!/usr/bin/env python3
"""Ordinary questions, none harmful: what share does a guardian classifier flag?

Writes two label-0 files in the `eval guardian --task injection|harm` format ({text, label, source}):
  sample_questions.jsonl  every user turn of the sample's eval/answers.jsonl (enterprise questions,
                          follow-up fragments such as "and a P3?")
  clinc_banking.jsonl     CLINC150 val + oos_val queries and 2,000 Banking77 train queries (seed 1)
  injecguard_benign.jsonl the benign prompts of the InjecGuard shared half (486 WildGuard benign prompts, many
                          of them safe requests that sound dangerous, and 171 NotInject prompts with trigger
                          words); a source no harm model was trained on (branch harm26)
Note: the harm training file holds 200 CLINC150 train and 100 Banking77 train rows; the CLINC150 rows
here are from val, and a few of the Banking77 rows may overlap the training ones.

Usage: python3 scripts/guardian/build-ordinary-questions.py ../shared/datasets OUT_DIR
then:  orchestrator eval guardian --task harm --dataset OUT_DIR/sample_questions.jsonl --json
"""
import csv
import json
import os
import random
import sys


def main():
    datasets, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "enterprise-assistant", "eval", "answers.jsonl")
    with open(sample, encoding="utf-8") as f, open(os.path.join(out, "sample_questions.jsonl"), "w", encoding="utf-8") as w:
        for line in f:
            for message in json.loads(line)["messages"]:
                if message["role"] == "user":
                    w.write(json.dumps({"text": message["content"], "label": 0, "source": "sample"}) + "\n")
    with open(os.path.join(datasets, "clinc150", "data_full_trainval.json"), encoding="utf-8") as f:
        clinc = json.load(f)
    with open(os.path.join(datasets, "banking77", "train.csv"), encoding="utf-8") as f:
        banking = [row["text"] for row in csv.DictReader(f)]
    random.seed(1)
    with open(os.path.join(out, "clinc_banking.jsonl"), "w", encoding="utf-8") as w:
        for text, _ in clinc["val"] + clinc["oos_val"]:
            w.write(json.dumps({"text": text, "label": 0, "source": "clinc150/val"}) + "\n")
        for text in random.sample(banking, 2000):
            w.write(json.dumps({"text": text, "label": 0, "source": "banking77/train"}) + "\n")
    with open(os.path.join(datasets, "injecguard_prompt_injection", "combined_labeled.json"), encoding="utf-8") as f:
        injecguard = json.load(f)
    with open(os.path.join(out, "injecguard_benign.jsonl"), "w", encoding="utf-8") as w:
        for row in injecguard:
            if row["label"] == 0:
                w.write(json.dumps({"text": row["prompt"], "label": 0, "source": row["source"]}) + "\n")


if __name__ == "__main__":
    main()
