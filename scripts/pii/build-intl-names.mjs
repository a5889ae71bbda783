// Builds src/Orchestrator.Core/Guardian/Pii/Resources/intl-names.txt.gz: the first and last names of the 68
// locales of npm @faker-js/faker 8.4.1 (MIT), one capitalised word per line (no CJK scripts, at least 3
// letters). They widen the people-name list beyond the US and cspell lists (Katrine, Antti, Matej).
// Reproduce:  mkdir /tmp/names && cd /tmp/names && npm install @faker-js/faker@8.4.1
//             NODE_PATH=/tmp/names/node_modules node scripts/pii/build-intl-names.mjs   (from the repository root)
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? '.', 'x.js'));
const { allLocales } = require('@faker-js/faker');
const names = new Set();
const add = v => {
  if (typeof v === 'string') names.add(v);
  else if (Array.isArray(v)) v.forEach(add);
  else if (v && typeof v === 'object') Object.values(v).forEach(add);
};
for (const locale of Object.values(allLocales)) {
  add(locale.person?.first_name);
  add(locale.person?.last_name);
}
const word = /^\p{Lu}[\p{L}'’-]+$/u;
const cjk = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;
const lines = [...names].filter(n => n.length > 2 && word.test(n) && !cjk.test(n)).sort();
const header = '# First and last names of @faker-js/faker 8.4.1 (MIT), all locales; built by scripts/pii/build-intl-names.mjs. See THIRD-PARTY.md.';
writeFileSync('src/Orchestrator.Core/Guardian/Pii/Resources/intl-names.txt.gz', gzipSync([header, ...lines].join('\n') + '\n', { level: 9 }));
console.log(`${lines.length} names`);
