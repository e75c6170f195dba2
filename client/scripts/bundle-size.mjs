// Prints the gzipped size of each JS file in dist/assets and of the survivor page's initial load.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const assets = join(dist.pathname, 'assets');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (file) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;

const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
for (const f of files) console.log(`${f.padEnd(40)} ${kb(gz(f)).padStart(10)} gzipped`);

// The survivor page loads index.html's module script and its modulepreloads, not the lazy staff chunks.
const html = readFileSync(join(dist.pathname, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const total = initial.reduce((sum, f) => sum + gz(f), 0);
console.log(`survivor page initial JS: ${kb(total)} gzipped (${initial.join(', ')})`);
const budget = 150 * 1024;
if (total > budget) {
  console.error(`over the ${kb(budget)} budget`);
  process.exit(1);
}
