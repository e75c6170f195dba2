// Prints the screen's figures on corpus parts, records them in sealed.json, and opens a sealed part's misses only
// by marking it tuned on: `node --import tsx server/src/cli/screeningFigures.ts test [--record "label"] [--open]`.
import { print } from './print.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { detect } from '../domain/moderation/detection.js';
import {
  compactFigures,
  formatFigures,
  loadPart,
  measure,
  partDigest,
  readSeal,
  SEALED_PARTS,
  sealPath,
  type SealFile,
} from '../domain/moderation/screening-corpus/corpus.js';


const SEAL_ABOUT =
  'Sealed parts of the screening corpus. Each was written before any tuning; its sha256 is checked by the tests so ' +
  'that it cannot change unnoticed. records[] are its figures in the order they were taken, each with the date and ' +
  'the commit of the detector measured. tunedOn turns true when its misses were looked at (--open): from then on ' +
  'its figures are no longer an estimate, and a fresh part must be written and sealed.';

function currentCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/src/domain/moderation'], { encoding: 'utf8' }).trim();
    return dirty ? `${head}+uncommitted` : head;
  } catch {
    return 'unknown';
  }
}

function main(argv: string[]): void {
  const parts = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--record');
  const labelAt = argv.indexOf('--record');
  const label = labelAt >= 0 ? argv[labelAt + 1] : undefined;
  const open = argv.includes('--open');
  const misses = argv.includes('--misses');
  const seal: SealFile = fs.existsSync(sealPath()) ? readSeal() : { about: SEAL_ABOUT, parts: {} };
  const now = new Date().toISOString();
  const commit = currentCommit();

  for (const part of parts.length > 0 ? parts : [...SEALED_PARTS]) {
    const sealed = (SEALED_PARTS as readonly string[]).includes(part);
    const cases = loadPart(part);
    const { figures, misses: wrong } = measure(cases, (text) => detect(text));
    print(formatFigures(`${part} (${cases.length} messages)${sealed ? ', sealed' : ''}`, figures));
    if (sealed) {
      const digest = partDigest(part);
      let entry = seal.parts[part];
      if (!entry) {
        entry = { sha256: digest, messages: cases.length, sealedAt: now, sealedAtCommit: commit, tunedOn: false, records: [] };
        seal.parts[part] = entry;
      }
      if (entry.sha256 !== digest) throw new Error(`${part} changed since it was sealed: a sealed part is never edited`);
      if (label) entry.records.push({ label, date: now, commit, figures: compactFigures(figures) });
      if (open) entry.tunedOn = true;
      if (misses && !entry.tunedOn) {
        print(`  (${part} is sealed: its misses stay closed; --open marks it tuned on and shows them)`);
        continue;
      }
    }
    if (misses || open) for (const m of wrong) print(`    ${m.category.padEnd(8)} ${m.error.padEnd(12)} ${JSON.stringify(m.text)}`);
  }
  if (label || open || !fs.existsSync(sealPath())) fs.writeFileSync(sealPath(), JSON.stringify(seal, null, 1) + '\n');
}

main(process.argv.slice(2));
