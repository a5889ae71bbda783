// Builds src/Orchestrator.Core/Guardian/Pii/Resources/companies.txt.gz: the company and brand names of
// @cspell/dict-companies 3.2.13 (npm, MIT) that are written as words (a capital and lower-case letters;
// tickers and acronyms left out, since the person rules never take an acronym for a name). Used only
// to tell a company named alone ("Bloomberg", "Schwab") from a person.
// Reproduce:  mkdir /tmp/companies && cd /tmp/companies && npm install @cspell/dict-companies@3.2.13
//             NODE_PATH=/tmp/companies/node_modules node scripts/pii/build-companies.mjs   (from the repository root)
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const source = path.join(process.env.NODE_PATH ?? 'node_modules', '@cspell/dict-companies/dict/companies.txt');
const names = new Set(readFileSync(source, 'utf8').split('\n').map(l => l.trim())
  .filter(l => l && !l.startsWith('#') && /^\p{Lu}/u.test(l) && /\p{Ll}/u.test(l) && l.length >= 3 && !/[0-9]/.test(l)));
const lines = [...names].sort();
const header = '# Company and brand names written as words (@cspell/dict-companies 3.2.13, MIT); built by scripts/pii/build-companies.mjs. See THIRD-PARTY.md.';
writeFileSync('src/Orchestrator.Core/Guardian/Pii/Resources/companies.txt.gz', gzipSync([header, ...lines].join('\n') + '\n', { level: 9, mtime: 0 }));
console.log(`${lines.length} companies`);
