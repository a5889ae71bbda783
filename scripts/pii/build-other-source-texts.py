#!/usr/bin/env python3
"""Builds the other-source texts of PII v10 (issue 11, branch pii21): queries and prompts from sources other
than Presidio, in the Presidio format with no spans, so that every span the detector reports is listed by
`eval guardian --task pii --errors` as spurious (most PERSON hits are real people; see
label-other-source-hits.py for the ones that name no person).

- os-banking77.json: every banking77 training query;
- os-clinc150.json: every clinc150 query (train, val and out-of-scope of data_full_trainval.json);
- os-bfcl.json: every user turn of the BFCL question files;
- os-guardian.json: the label-0 rows of guardian_injection_train and guardian_harm_train, less the sources that
  are about people or carry them (XQuAD passages, BIPIA tables and e-mails) and the banking77/clinc150 rows.

    python3 scripts/pii/build-other-source-texts.py ../shared/datasets OUT_DIR
"""
import csv
import glob
import json
import sys


def dump(out, name, texts):
    texts = list(dict.fromkeys(t for t in texts if t and t.strip()))
    with open(f'{out}/os-{name}.json', 'w', encoding='utf-8') as dst:
        json.dump([{'full_text': t, 'spans': []} for t in texts], dst)
    print(name, len(texts))


def main(ds, out):
    with open(f'{ds}/banking77/train.csv', encoding='utf-8') as src:
        dump(out, 'banking77', [r['text'] for r in csv.DictReader(src)])
    with open(f'{ds}/clinc150/data_full_trainval.json', encoding='utf-8') as src:
        clinc = json.load(src)
    dump(out, 'clinc150', [t for part in clinc.values() for t, _ in part])
    bfcl = []
    for path in sorted(glob.glob(f'{ds}/bfcl/BFCL_v4_*.json')):
        with open(path, encoding='utf-8') as src:
            for line in src:
                for turn in json.loads(line)['question']:
                    bfcl += [m['content'] for m in turn if m['role'] == 'user']
    dump(out, 'bfcl', bfcl)
    skip = ('xquad_en/shared', 'bipia/table_train', 'bipia/email_train')
    prompts = []
    for folder in ('guardian_injection_train', 'guardian_harm_train'):
        with open(f'{ds}/{folder}/train.jsonl', encoding='utf-8') as src:
            for line in src:
                row = json.loads(line)
                if row['label'] == 0 and row['source'] not in skip and not row['source'].startswith(('banking77', 'clinc150')):
                    prompts.append(row['text'])
    dump(out, 'guardian', prompts)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
