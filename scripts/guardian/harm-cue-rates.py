#!/usr/bin/env python3
"""How often three candidate harm cues fire per source family and kind of the harm training file (docs/benchmarks.md,
branch harm23): a group mention followed by a generalising predicate (for hateful statements), a compliance
structure (an opener such as "Sure, here is" / "Here's how", "Step 1", a numbered or bulleted list) and a refusal.
A cue can only get a useful weight under leave-one-source-out training if it fires on the *other* families'
harmful rows more than on their benign rows; the rates show whether that can happen.

Usage: harm-cue-rates.py ../shared/datasets/guardian_harm_train/train.jsonl
"""
import json
import re
import sys
from collections import Counter

GROUP = (r"(women|woman|girls|females?|men|males?|blacks?|black (people|men|women|folks?)|whites?|white people|asians?|chinese|"
         r"japanese|koreans?|indians?|arabs?|africans?|mexicans?|latin(o|a|x)s?|hispanics?|immigrants?|migrants?|refugees?|"
         r"foreigners?|muslims?|islam(ic)?|jews?|jewish|christians?|hindus?|sikhs?|catholics?|atheists?|gays?|lesbians?|"
         r"homosexuals?|bisexuals?|trans(gender)?( people| women| men)?|lgbt\w*|queers?|disabled|handicapped|"
         r"(people|those|person|someone) with (a )?(disabilit\w+|mental illness\w*|autism|down syndrome)|wheelchair users?|"
         r"native americans?|indigenous|middle easterners?|minorit(y|ies)|(those|these) people|they)")
GENERALISING = r"\b(are|is|were|have|has|can't|cannot|don't|do not|should|shouldn't|will never|always|never|all|just|only|so|too)\b"
CUES = {
    "group-generalisation": re.compile(r"\b" + GROUP + r"\b[^.?!\n]{0,25}" + GENERALISING, re.I),
    "compliance": re.compile(r"(\bsure[,!]? (here|i can|i'd)|\bhere('s| is| are) (how|a|an|the|some|my|what)\b|\bstep \d|(^|\n)\s*(\d+[.)]|[-*•])\s+\w)", re.I),
    "refusal": re.compile(r"\b(i'm sorry|i am sorry|i apologi[sz]e|i cannot|i can't|i can not|i won't|i will not|as an ai|as a language model|i'm not able to|i am not able to|i must decline|cannot (assist|help|provide|fulfill|comply))", re.I),
}


def main(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    totals, fired = Counter(), Counter()
    for r in rows:
        key = (r["source"].split("/")[0], r["kind"], r["label"])
        totals[key] += 1
        for name, cue in CUES.items():
            # The group cue reads the first 300 characters, where a statement's subject and predicate are.
            fired[key, name] += bool(cue.search(r["text"][:300] if name == "group-generalisation" else r["text"]))
    print("family / kind / label | rows | " + " | ".join(CUES))
    for key in sorted(totals):
        print(f"{key[0]} / {key[1]} / {key[2]} | {totals[key]} | " + " | ".join(f"{fired[key, name] / totals[key]:.2f}" for name in CUES))


if __name__ == "__main__":
    main(sys.argv[1])
