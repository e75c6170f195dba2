// The screening corpus on disk and its figures: loading a part, precision and recall per category, language and kind.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Detection } from '../detection.js';

export const CATEGORIES = ['crisis', 'contact', 'abuse'] as const;
export type Category = (typeof CATEGORIES)[number];
export const LANGUAGES = ['en', 'es'] as const;
export type CorpusLanguage = (typeof LANGUAGES)[number];

export interface CorpusCase {
  text: string;
  labels: Category[];
  kinds: string[];
  lang: CorpusLanguage;
  family: string;
}

/** Training parts may be read, tuned on and cross-validated; sealed parts only measured. */
export const TRAINING_PARTS = ['train', 'legacy'] as const;
export const SEALED_PARTS = ['test', 'fresh-1', 'fresh-2'] as const;

export function corpusPath(part: string): string {
  return new URL(`./${part}.jsonl`, import.meta.url).pathname;
}

export function loadPart(part: string): CorpusCase[] {
  return fs
    .readFileSync(corpusPath(part), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusCase);
}

export function partDigest(part: string): string {
  return createHash('sha256').update(fs.readFileSync(corpusPath(part))).digest('hex');
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
}

function score(c: Counts): Score {
  // No positives to find (or no alarms raised) counts as perfect, so that an empty cell never fails a floor.
  return { ...c, precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp), recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn) };
}

export type Figures = Record<Category, Record<'all' | CorpusLanguage, Score>> & { kinds: Record<string, Score> };

export interface Miss {
  category: Category;
  kind?: string;
  error: 'missed' | 'false alarm';
  text: string;
}

export function measure(cases: CorpusCase[], detect: (text: string) => Detection): { figures: Figures; misses: Miss[] } {
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { all: zero(), en: zero(), es: zero() }])) as Record<
    Category,
    Record<'all' | CorpusLanguage, Counts>
  >;
  const byKind = new Map<string, Counts>();
  const misses: Miss[] = [];
  const count = (counts: Counts, want: boolean, got: boolean) => {
    if (want && got) counts.tp++;
    else if (want) counts.fn++;
    else if (got) counts.fp++;
    else counts.tn++;
  };
  for (const item of cases) {
    const d = detect(item.text);
    for (const c of CATEGORIES) {
      const want = item.labels.includes(c);
      const got = d[c].length > 0;
      count(byCategory[c].all, want, got);
      count(byCategory[c][item.lang], want, got);
      if (want !== got) misses.push({ category: c, error: want ? 'missed' : 'false alarm', text: item.text });
      const found: string[] = d[c];
      for (const kind of new Set([...found, ...item.kinds.filter((k) => kindCategory(k) === c)])) {
        if (!byKind.has(kind)) byKind.set(kind, zero());
        count(byKind.get(kind)!, item.kinds.includes(kind), found.includes(kind));
      }
    }
  }
  const figures = Object.fromEntries(
    CATEGORIES.map((c) => [c, { all: score(byCategory[c].all), en: score(byCategory[c].en), es: score(byCategory[c].es) }]),
  ) as Record<Category, Record<'all' | CorpusLanguage, Score>>;
  const kinds = Object.fromEntries([...byKind].sort(([a], [b]) => kindOrder(a) - kindOrder(b)).map(([k, v]) => [k, score(v)]));
  return { figures: { ...figures, kinds }, misses };
}

const KIND_CATEGORY: Record<string, Category> = {
  suicide: 'crisis',
  self_harm: 'crisis',
  immediate_danger: 'crisis',
  phone: 'contact',
  email: 'contact',
  social_handle: 'contact',
  link: 'contact',
  request: 'contact',
  abusive: 'abuse',
  sexual: 'abuse',
};

export function kindCategory(kind: string): Category | undefined {
  return KIND_CATEGORY[kind];
}

function kindOrder(kind: string): number {
  const i = Object.keys(KIND_CATEGORY).indexOf(kind);
  return i < 0 ? 99 : i;
}

const f3 = (n: number) => n.toFixed(3);

/** A table a person can read: precision and recall per category and language, then per kind. */
export function formatFigures(title: string, figures: Figures): string {
  const lines = [title, '  category  lang  precision  recall    tp   fp   fn   tn'];
  for (const c of CATEGORIES) {
    for (const lang of ['all', ...LANGUAGES] as const) {
      const s = figures[c][lang];
      lines.push(
        `  ${c.padEnd(8)}  ${lang.padEnd(4)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.tn).padStart(4)}`,
      );
    }
  }
  lines.push('  kind               precision  recall    tp   fp   fn');
  for (const [kind, s] of Object.entries(figures.kinds)) {
    lines.push(`  ${kind.padEnd(17)}  ${f3(s.precision).padStart(9)}  ${f3(s.recall).padStart(6)}  ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`);
  }
  return lines.join('\n');
}

/** The figures as recorded in sealed.json: three decimals, counts kept, so a record can be compared by eye. */
export function compactFigures(figures: Figures): Record<string, unknown> {
  const round = (s: Score) => ({ precision: Number(f3(s.precision)), recall: Number(f3(s.recall)), tp: s.tp, fp: s.fp, fn: s.fn });
  return {
    ...Object.fromEntries(CATEGORIES.map((c) => [c, { all: round(figures[c].all), en: round(figures[c].en), es: round(figures[c].es) }])),
    kinds: Object.fromEntries(Object.entries(figures.kinds).map(([k, s]) => [k, round(s)])),
  };
}

export interface SealRecord {
  label: string;
  date: string;
  commit: string;
  figures: Record<string, unknown>;
}

export interface SealedPart {
  sha256: string;
  messages: number;
  sealedAt: string;
  sealedAtCommit: string;
  /** True once someone has looked at this part's misses or tuned on it: its figures are then no longer an estimate. */
  tunedOn: boolean;
  records: SealRecord[];
}

export interface SealFile {
  about: string;
  parts: Record<string, SealedPart>;
}

export function sealPath(): string {
  return new URL('./sealed.json', import.meta.url).pathname;
}

export function readSeal(): SealFile {
  return JSON.parse(fs.readFileSync(sealPath(), 'utf8')) as SealFile;
}
