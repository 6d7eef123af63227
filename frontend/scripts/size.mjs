// Prints the gzipped size of the JavaScript that index.html loads before any lazy route,
// and fails when it is over the budget (250 kB).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 250 * 1024;
const dist = 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
// Follow static imports of the entry chunks (modulepreload and `import ... from "./x.js"`).
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file)) continue;
  seen.add(file);
  const code = readFileSync(join(dist, file), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)) {
    queue.push(`assets/${m[1]}`);
  }
}
let total = 0;
for (const file of seen) {
  const gz = gzipSync(readFileSync(join(dist, file))).length;
  total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(8)} kB  ${file}`);
}
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
console.log(`initial JS: ${(total / 1024).toFixed(1)} kB gzipped in ${seen.size} file(s); ${all.length} JS files in all`);
if (total > BUDGET) {
  console.error(`over the budget of ${BUDGET / 1024} kB`);
  process.exit(1);
}
