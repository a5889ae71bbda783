// Writes a template-free PII probe (Presidio JSON format) for PERSON precision on the capitalised
// things of business text: job titles, departments, products, vehicles, songs, dog breeds, airlines,
// airports, counties, towns and states of several locales, company names and buzz phrases, put into
// frames written for this probe (not from presidio-research): a sentence's first words, a label line
// ("Position: …"), a heading, a subject line, a signature block, after a preposition, a verb or a
// determiner. People (faker full names of the same locales) fill the same frames and are the gold
// PERSON spans, so the probe measures recall in those frames too. A quarter of the rows are written
// in lower case, as some chat text is. Each row's "probe_kind" says what filled the frame.
// Reproduce:  mkdir /tmp/probe && cd /tmp/probe && npm install @faker-js/faker@8.4.1
//             NODE_PATH=/tmp/probe/node_modules node scripts/pii/build-business-probe.mjs /tmp/pii-business-probe.json [seed]
// A seed other than the default 1911 draws a fresh probe of the same kinds and frames (pii20 scored seed 2020, unseen).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

if (process.argv.length < 3) {
  console.error('usage: node scripts/pii/build-business-probe.mjs <business-probe.json> [seed]');
  process.exit(2);
}

const require = createRequire(path.join(process.env.NODE_PATH ?? '.', 'x.js'));
const { allFakers } = require('@faker-js/faker');

const baseSeed = Number(process.argv[3] ?? 1911);
let seed = baseSeed;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = xs => xs[Math.floor(rand() * xs.length)];

const locales = ['en_US', 'en_GB', 'de', 'fr', 'it', 'es', 'nl', 'sv', 'pl', 'pt_BR', 'cs_CZ', 'fi', 'da', 'hu'];
for (const [i, l] of locales.entries()) allFakers[l].seed(100 + i + (baseSeed - 1911) * 100);
const en = allFakers.en_US;
const loc = () => allFakers[pick(locales)];

// What fills a frame: a kind and a generator. Only "person" is gold.
// A person's title ("Dr.", "Sra.", "Mgr.") stays in the text but out of the gold span, as Presidio labels titles
// apart; a generational or degree suffix ("Jr.", "PhD") is left out of the text.
const suffixes = new Set(['Jr.', 'Sr.', 'I', 'II', 'III', 'IV', 'V', 'MD', 'DDS', 'PhD', 'DVM', 'Phd.']);
const person = () => {
  const f = loc();
  const prefixes = Object.values(f.rawDefinitions.person.prefix ?? []).flat();
  const words = f.person.fullName().split(' ');
  while (words.length > 2 && suffixes.has(words[words.length - 1])) words.pop();
  let title = '';
  while (words.length > 2 && (prefixes.includes(words[0]) || words[0] === 'Prof.' && words[1] === 'Dr.')) title += words.shift() + ' ';
  return { title, name: words.join(' ') };
};

const kinds = {
  person,
  jobTitle: () => en.person.jobTitle(),
  jobType: () => en.person.jobType(),
  department: () => en.commerce.department(),
  product: () => en.commerce.productName(),
  vehicle: () => en.vehicle.vehicle(),
  song: () => en.music.songName(),
  dog: () => en.animal.dog(),
  airline: () => en.airline.airline().name,
  airport: () => en.airline.airport().name,
  county: () => en.location.county(),
  town: () => loc().location.city(),
  state: () => loc().location.state(),
  company: () => loc().company.name(),
  buzz: () => en.company.buzzPhrase().replace(/\b\w/g, c => c.toUpperCase()),
  street: () => loc().location.street(),
};

const frames = [
  '{} was discussed at the meeting on Monday.',
  'Please forward the invoice to {} by Friday.',
  'We compared {} with last year\'s numbers.',
  'Position: {}',
  'Re: {}',
  '{}\n\nThe following notes summarise the call.',
  'Thanks for the update on {}, it helps a lot.',
  'Is {} available next month?',
  'I had a long chat with {} yesterday.',
  'Kind regards,\n{}',
  'According to {}, the numbers are fine.',
  '{}: all items were delivered.',
  'Have you heard the news about {}?',
  'Can {} help with the order?',
  'The quarterly review covers {} and two other topics.',
  'Last week {} sent us the signed contract.',
];

const rows = [];
const perKind = { person: 600 };
for (const [kind, make] of Object.entries(kinds)) {
  const n = perKind[kind] ?? 60;
  for (let i = 0; i < n; i++) {
    const made = make();
    const title = typeof made === 'string' ? '' : made.title;
    let value = (typeof made === 'string' ? made : made.name).trim();
    const frame = pick(frames);
    const lower = rand() < 0.25;
    if (lower) value = value.toLowerCase();
    let text = frame.replace('{}', (lower ? title.toLowerCase() : title) + value);
    if (lower) text = text.toLowerCase();
    const start = text.indexOf(value, frame.indexOf('{}'));
    const spans = kind === 'person' ? [{ entity_type: 'PERSON', entity_value: value, start_position: start, end_position: start + value.length }] : [];
    rows.push({ full_text: text, spans, probe_kind: kind });
  }
}

writeFileSync(process.argv[2], JSON.stringify(rows));
console.log(`${rows.length} rows, ${rows.filter(r => r.spans.length).length} PERSON spans`);
