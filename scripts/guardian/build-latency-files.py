#!/usr/bin/env python3
"""Builds the guardian's latency and quality measurement files (issue 11; docs/benchmarks.md, stop 18).

    python3 scripts/guardian/build-latency-files.py ../shared/datasets OUT_DIR

Writes into OUT_DIR:
- harm_latency_sample.jsonl: every 10th row (0-based positions 0, 10, 20, ...) of
  guardian_harm_train/train.jsonl, unchanged (462 rows).
- injecguard_unseen.jsonl: the "Honest cross-source check" file: the wildguard benign, BIPIA_text and
  BIPIA_code rows of injecguard_prompt_injection/combined_labeled.json, NotInject removed (the shared
  NotInject half is inside the injection training file), as {"text", "label", "source"} lines
  (549 rows, 63 positive).
- pii-tune.json / pii-check.json: presidio_synth_pii split by template_id % 4 (0 -> tune, 2 -> check),
  as in "PII (Presidio synthetic, shared half, split by template id)".
- pii-full.json: a copy of the shared Presidio file (as "PII v5" used it).
- pii-benign.json: the label-0 rows of guardian_injection_train and guardian_harm_train in the Presidio
  format with no spans ("PII v3").
"""
import json
import os
import shutil
import sys


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit('usage: build-latency-files.py DATASETS_DIR OUT_DIR')
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)

    harm = f'{data}/guardian_harm_train/train.jsonl'
    with open(harm, encoding='utf-8') as src, open(f'{out}/harm_latency_sample.jsonl', 'w', encoding='utf-8') as dst:
        for i, line in enumerate(src):
            if i % 10 == 0:
                dst.write(line if line.endswith('\n') else line + '\n')

    with open(f'{data}/injecguard_prompt_injection/combined_labeled.json', encoding='utf-8') as src:
        combined = json.load(src)
    unseen = [r for r in combined if not r['source'].startswith('NotInject')]
    with open(f'{out}/injecguard_unseen.jsonl', 'w', encoding='utf-8') as dst:
        for r in unseen:
            dst.write(json.dumps({'text': r['prompt'], 'label': r['label'], 'source': r['source']}, ensure_ascii=False) + '\n')

    presidio = f'{data}/presidio_synth_pii/synth_dataset_v2.shared.json'
    with open(presidio, encoding='utf-8') as src:
        rows = json.load(src)
    for k, name in ((0, 'tune'), (2, 'check')):
        with open(f'{out}/pii-{name}.json', 'w', encoding='utf-8') as dst:
            json.dump([r for r in rows if r['template_id'] % 4 == k], dst)
    shutil.copyfile(presidio, f'{out}/pii-full.json')

    benign = []
    for f in ('guardian_injection_train', 'guardian_harm_train'):
        with open(f'{data}/{f}/train.jsonl', encoding='utf-8') as src:
            for line in src:
                row = json.loads(line)
                if row.get('label') == 0:
                    benign.append({'full_text': row['text'], 'spans': []})
    with open(f'{out}/pii-benign.json', 'w', encoding='utf-8') as dst:
        json.dump(benign, dst)

    print(f'{out}: harm sample, injecguard_unseen ({len(unseen)} rows, '
          f'{sum(r["label"] for r in unseen)} positive), pii-tune/check/full, pii-benign ({len(benign)} rows)')


if __name__ == '__main__':
    main()
