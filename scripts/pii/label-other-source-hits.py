#!/usr/bin/env python3
"""Counts the PERSON hits on the other-source texts of PII v10 (build-other-source-texts.py) and, by hand labels
written while reading them (issue 11, branch pii21), the hits that name no person, real or fictional: places,
titles, code names, phrases of other languages. A label is a value and a piece of its text, so a value can be a
person in one row and a thing in another ("David" the sculpture). Each DIR holds the os-*.json reports and the
os-*.err.jsonl files that `eval guardian --task pii --json --errors` wrote.

    python3 scripts/pii/label-other-source-hits.py BEFORE_DIR AFTER_DIR
"""
import json, sys
NOT_PERSON = [
    ('america acccounts', ''), ('bon apetite', ''), ('ruth chris', ''),
    ('Boston', ''), ('Ace', ''), ('nya ada', ''), ('Ireland', ''), ('Smart', ''), ('masih tersedia dalam', ''), ('masih memiliki stok', ''),
    ('yang saya miliki', ''), ('akan menanggung ongkos', ''), ('India', ''), ('chai kaise bnaye', ''), ('Orion', ''), ('Prequelle', ''),
    ('Jinjer', ''), ('Kenya', ''), ('London', ''), ('Paris', ''), ('Sydney', ''), ('Francisco', ''), ('Universitas Sebelas Maret', ''),
    ('Đường Đại', ''), ('Julian', 'Julian is testing'), ('Sai Kong Subdistrict', ''), ('Ton Pao Subdistrict', ''), ('Homo Sapiens', ''),
    ('Darwin', 'Darwin model'), ('Kelvin', ''), ('Zelda', ''), ('Queen', ''), ('Cha Cha Cha', ''), ('Johnny Johnny', ''), ('David', "'David' by Michelangelo"),
    ('Frank', 'Rename website'),
    ('Hardshrink', ''), ('Softshrink', ''), ('Tanhshrink', ''), ('una canción que', ''), ('Turkish Latin', ''), ('Chelsea', ''), ('Hayalet Sevgilim', ''),
    ('Deno', ''), ('German Shepherd', ''), ('Hot Skull', ''), ('English Languages', ''), ('Is All You Need', ''), ('divina proportione', ''),
    ('De Prospectiva Pingendi', ''), ('Mughal', ''), ('Islam', ''), ('Asia', ''), ('Riemannian', ''), ('Keeping Florida Beautiful', ''),
    ('alma mater', ''), ('janet didnt', ''), ('Unaligned', ''), ('Tough Guy', ''), ('Mona Lisa', ''), ('Deep Speech', ''), ('Harry Potter', "'Harry Potter and"),
    ('As Sheldon', ''), ('Hackerman', ''),
]
def not_person(e):
    return any(e['value'] == v and c in e['text'] for v, c in NOT_PERSON)
for n in ['os-banking77', 'os-clinc150', 'os-bfcl', 'os-guardian']:
    row = [n]
    for v in sys.argv[1:]:
        errs = [json.loads(l) for l in open(f'{v}/{n}.err.jsonl', encoding='utf-8')]
        rows = json.load(open(f'{v}/{n}.json', encoding='utf-8'))['sentences']
        hits = [e for e in errs if e['type'] == 'PERSON']
        fp = [e for e in hits if not_person(e)]
        row.append(f'{v}: {len(hits)} hits ({1000*len(hits)/rows:.1f}/1k), {len(fp)} name no person ({1000*len(fp)/rows:.2f}/1k)')
    print(' | '.join(row))
