#!/usr/bin/env python3
"""Builds the "capitalised non-names" probe of PII v7 (issue 11, branch guard18).

Sentences written for this probe, filled with capitalised things that are no person (job titles,
nationalities, products, headings, venues, events, teams, holidays, eponyms) and, in the same
frames, with people (SSA first names + Census surnames of ../shared/datasets/pii_gazetteers), so
that a rule that drops a false positive also shows what it costs in recall. Only PERSON spans are
gold; every other hit counts as a PERSON false positive.

    python3 scripts/pii/build-shapes-probe.py ../shared/datasets/pii_gazetteers pii-shapes.json
"""
import csv
import json
import random
import sys

gaz, out = sys.argv[1], sys.argv[2]
rng = random.Random(18)
firsts = [r['name'] for r in csv.DictReader(open(f'{gaz}/ssa2010_first_names_top1000.csv'))]
lasts = [r['surname'].title() for r in csv.DictReader(open(f'{gaz}/census2010_surnames_top1000.csv'))]

things = {
    'job': ['Technical Writer', 'Network Administrator', 'Senior Software Engineer', 'Head Nurse', 'Airport Tower Controller',
            'Cinematographer', 'Echocardiographer', 'Leasing Consultant', 'Chief Financial Officer', 'Staff Development Specialist',
            'Court Clerk', 'Sales Associate', 'Account Executive', 'Vice President', 'Product Manager', 'Marketing Director'],
    'nationality': ['Spanish', 'Norwegian', 'Greenlander', 'Hungarian', 'Brazilian', 'Vietnamese', 'Icelander', 'Portuguese', 'Filipino', 'Kenyan'],
    'product': ['Apple Watch', 'Google Drive', 'Microsoft Teams', 'Adobe Acrobat', 'Visual Studio', 'Samsung Galaxy', 'Kindle Paperwhite',
                'Nintendo Switch', 'Toyota Corolla', 'Jeep Cherokee', 'Honda Civic', 'Dell Latitude', 'Canon Pixma', 'Philips Hue'],
    'heading': ['Quarterly Sales Review', 'Action Items', 'Next Steps', 'Privacy Policy', 'Release Notes', 'Travel Expenses',
                'Onboarding Checklist', 'Annual Leave', 'Incident Report', 'Budget Forecast', 'Meeting Minutes'],
    'venue': ['Wembley Stadium', 'Heathrow Airport', 'Grand Central Station', 'Carnegie Hall', 'Lincoln Memorial', 'Golden Gate Bridge',
              'Kennedy Center', 'Madison Square Garden', 'Murray Library', 'Harris Theater', 'Franklin Museum', 'Victoria Station',
              'Fenway Park', 'Jackson Arena', 'Wilson Tower', 'Eriksson Bridge'],
    'event': ['Boston Marathon', 'Nobel Prize', 'Emmy Awards', 'Davis Cup', 'Ryder Cup', 'Edinburgh Festival', 'Hopman Cup',
              'Grammy Awards', 'Berlin Marathon', 'Stanley Cup'],
    'team': ['Chicago Bulls', 'Miami Dolphins', 'Oakland Raiders', 'Houston Oilers', 'Manchester Wolves', 'Boston Patriots',
             'Texas Rangers', 'Denver Broncos', 'Seattle Seahawks', 'Detroit Pistons'],
    'holiday': ['Christmas Eve', 'Black Friday', 'Labor Day', 'Easter Monday', 'Boxing Day', 'Memorial Day', 'Cyber Monday'],
    'eponym': ["Parkinson's disease", "Murphy's Law", "Crohn's disease", 'Hodgkin lymphoma', "Newton's laws", "Alzheimer's disease", 'Gaussian noise'],
}

frames = [
    'Yesterday we talked about {} for an hour.',
    'I read an article about {} this morning.',
    'Can you send me the notes on {} before Friday?',
    'Everybody at the office was talking about {}.',
    'The slides mention {} twice.',
    'We need a short summary of {} for the newsletter.',
    '{} came up again in the meeting.',
]

rows = []


def add(frame, value, person):
    text = frame.format(value)
    start = text.index(value)
    spans = [{'entity_type': 'PERSON', 'entity_value': value, 'start_position': start, 'end_position': start + len(value)}] if person else []
    rows.append({'full_text': text, 'spans': spans})


for kind, values in things.items():
    for value in values:
        for frame in rng.sample(frames, 3):
            add(frame, value, False)

for _ in range(300):
    add(rng.choice(frames), f'{rng.choice(firsts)} {rng.choice(lasts)}', True)

json.dump(rows, open(out, 'w'), ensure_ascii=False)
print(f'{len(rows)} rows, {sum(len(r["spans"]) for r in rows)} PERSON spans')
