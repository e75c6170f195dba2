// Trains the screening model from the training parts of the corpus and writes screening-model.json:
// `npm run train:screening` (deterministic: a fixed seed, the same corpus gives the same file). Never reads the
// sealed parts. Prints the out-of-fold figures, the estimate it chose the thresholds on.
import fs from 'node:fs';
import { print } from './print.js';
import { HEAD_KINDS, LinearModel, MODEL_KINDS } from '../domain/moderation/detection/model.js';
import { screenParts } from '../domain/moderation/detection/screen.js';
import { normalise } from '../domain/moderation/detection/text.js';
import {
  chooseHeadThreshold,
  chooseThreshold,
  DEFAULT_TRAINING,
  modelDataOf,
  seededRandom,
  shuffled,
  train,
  trainingViews,
  type PreparedCase,
  type ScoredCase,
  type TrainingOptions,
} from '../domain/moderation/detection/training.js';
import { formatFigures, loadPart, measure, TRAINING_PARTS, type CorpusCase } from '../domain/moderation/screening-corpus/corpus.js';
import type { Detection } from '../domain/moderation/detection.js';

const FOLDS = 5;
/** Out-of-fold precision each kind's threshold must keep: above the targets (0.85), for the margin a new batch eats. */
const MIN_PRECISION: Record<string, number> = { suicide: 0.92, self_harm: 0.92, immediate_danger: 0.92, abusive: 0.92, sexual: 0.92, crisis: 0.87, abuse: 0.9 };
const MODEL_PATH = new URL('../domain/moderation/detection/screening-model.json', import.meta.url).pathname;

function option(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/** A case's kinds, and its categories as the heads' kinds. */
function wanted(c: CorpusCase): Set<string> {
  return new Set([...c.kinds, ...c.labels.filter((l) => l !== 'contact')]);
}

function prepare(cases: readonly CorpusCase[]): PreparedCase[] {
  return cases.map((c) => ({ ...trainingViews(normalise(c.text)), kinds: wanted(c) }));
}

function score(cases: readonly CorpusCase[], model: LinearModel): ScoredCase[] {
  return cases.map((c) => {
    const parts = screenParts(normalise(c.text), {}, model, false);
    return { want: wanted(c), rules: parts.ruleKinds, logits: parts.logits, vetoed: new Set(parts.vetoes.keys()), lang: c.lang };
  });
}

function detectionOf(s: ScoredCase, thresholds: number[], contact: Detection['contact']): Detection {
  const found = new Set(s.rules);
  MODEL_KINDS.forEach((k, j) => {
    if (s.vetoed.has(k) || s.logits[j]! < Math.log(thresholds[j]! / (1 - thresholds[j]!))) return;
    const kinds = HEAD_KINDS[k];
    // A head stands for its best-scoring kind, as in the screen.
    found.add(kinds ? kinds.reduce((a, b) => (s.logits[MODEL_KINDS.indexOf(b)]! > s.logits[MODEL_KINDS.indexOf(a)]! ? b : a)) : k);
  });
  return {
    crisis: (['suicide', 'self_harm', 'immediate_danger'] as const).filter((k) => found.has(k)),
    contact,
    abuse: (['abusive', 'sexual'] as const).filter((k) => found.has(k)),
  };
}

/** Precision and recall of each kind at a few thresholds, the model alone and with the rules: for tuning. */
function printCurves(oof: ScoredCase[]): void {
  const ap = MODEL_KINDS.map((kind, j) => {
    const ranked = oof.map((s) => [s.logits[j]!, s.want.has(kind)] as const).sort((a, b) => b[0] - a[0]);
    const positives = ranked.filter(([, w]) => w).length;
    let tp = 0;
    let sum = 0;
    ranked.forEach(([, w], i) => {
      if (!w) return;
      tp++;
      sum += tp / (i + 1);
    });
    return `${kind} ${(sum / Math.max(1, positives)).toFixed(3)}`;
  });
  print(`  model-alone average precision: ${ap.join(', ')}`);
  for (const [category, kinds] of [
    ['crisis', ['suicide', 'self_harm', 'immediate_danger']],
    ['abuse', ['abusive', 'sexual']],
    ['crisis+head', ['suicide', 'self_harm', 'immediate_danger', 'crisis']],
    ['abuse+head', ['abusive', 'sexual', 'abuse']],
    ['crisis head', ['crisis']],
  ] as const) {
    const cells: string[] = [];
    for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
      const z = Math.log(t / (1 - t));
      const c = { tp: 0, fp: 0, fn: 0 };
      for (const s of oof) {
        const got = kinds.some((k) => s.rules.has(k) || (s.logits[MODEL_KINDS.indexOf(k)]! >= z && !s.vetoed.has(k)));
        const want = kinds.some((k) => s.want.has(k)) || (category.startsWith('crisis') && s.want.has('crisis'));
        if (got && want) c.tp++;
        else if (got) c.fp++;
        else if (want) c.fn++;
      }
      cells.push(`${t}: ${(c.tp / Math.max(1, c.tp + c.fp)).toFixed(2)}/${(c.tp / Math.max(1, c.tp + c.fn)).toFixed(2)}`);
    }
    print(`  ${category} with rules, one threshold: ${cells.join('  ')}`);
  }
  MODEL_KINDS.forEach((kind, j) => {
    const cells: string[] = [];
    for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
      const z = Math.log(t / (1 - t));
      const count = (withRules: boolean) => {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (const s of oof) {
          const got = (withRules && s.rules.has(kind)) || (s.logits[j]! >= z && !s.vetoed.has(kind));
          const want = s.want.has(kind);
          if (got && want) tp++;
          else if (got) fp++;
          else if (want) fn++;
        }
        return `${(tp / Math.max(1, tp + fp)).toFixed(2)}/${(tp / Math.max(1, tp + fn)).toFixed(2)}`;
      };
      cells.push(`${t}: ${count(false)} ${count(true)}`);
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const s of oof) {
      const got = s.rules.has(kind);
      if (got && s.want.has(kind)) tp++;
      else if (got) fp++;
      else if (s.want.has(kind)) fn++;
    }
    print(`  ${kind}: rules alone ${(tp / Math.max(1, tp + fp)).toFixed(2)}/${(tp / Math.max(1, tp + fn)).toFixed(2)}; model, model+rules (precision/recall):`);
    print(`    ${cells.join('  ')}`);
  });
}

function main(argv: string[]): void {
  const options: TrainingOptions = {
    seed: option(argv, 'seed', DEFAULT_TRAINING.seed),
    epochs: option(argv, 'epochs', DEFAULT_TRAINING.epochs),
    learningRate: option(argv, 'lr', DEFAULT_TRAINING.learningRate),
    l2: option(argv, 'l2', DEFAULT_TRAINING.l2),
    positiveWeight: option(argv, 'pos', DEFAULT_TRAINING.positiveWeight),
    nbRatio: option(argv, 'nb', DEFAULT_TRAINING.nbRatio ? 1 : 0) === 1,
  };
  const dryRun = argv.includes('--dry-run');
  const cases = TRAINING_PARTS.flatMap((part) => loadPart(part));
  const prepared = prepare(cases);
  const placeholder = { about: '', featureBits: 20, kinds: [...MODEL_KINDS], thresholds: MODEL_KINDS.map(() => 0.5), features: [] };

  // Out-of-fold predictions: each case scored by a model that never saw it.
  const order = shuffled(
    cases.map((_, i) => i),
    seededRandom(options.seed),
  );
  const foldOf = new Int32Array(cases.length);
  order.forEach((caseIndex, rank) => (foldOf[caseIndex] = rank % FOLDS));
  const oof: ScoredCase[] = new Array(cases.length);
  const contactOf: Detection['contact'][] = new Array(cases.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const trained = train(
      prepared.filter((_, i) => foldOf[i] !== fold),
      options,
    );
    const model = new LinearModel({ ...placeholder, bias: trained.bias, features: [...trained.weights].map(([h, row]) => [h, ...row]) });
    const held = cases.map((c, i) => [c, i] as const).filter(([, i]) => foldOf[i] === fold);
    const scored = score(
      held.map(([c]) => c),
      model,
    );
    held.forEach(([c, i], k) => {
      oof[i] = scored[k]!;
      contactOf[i] = screenParts(normalise(c.text), {}, model, false).contact.map((h) => h.kind);
    });
  }
  if (argv.includes('--curve')) printCurves(oof);
  const listKind = argv.indexOf('--list');
  if (listKind >= 0) {
    // Out-of-fold errors of one kind at a probability: training data only, free to read.
    const kind = argv[listKind + 1]!;
    const t = Number(argv[listKind + 2] ?? 0.5);
    const j = MODEL_KINDS.indexOf(kind as (typeof MODEL_KINDS)[number]);
    oof.forEach((s, i) => {
      const got = s.rules.has(kind) || (s.logits[j]! >= Math.log(t / (1 - t)) && !s.vetoed.has(kind));
      if (got !== s.want.has(kind)) print(`    ${got ? 'FP' : 'FN'} ${(1 / (1 + Math.exp(-s.logits[j]!))).toFixed(2)} ${JSON.stringify(cases[i]!.text)}`);
    });
  }
  // Each kind on its own at a strict floor, then each category's head as far as the category's floor allows.
  const thresholds = MODEL_KINDS.map((k) => (HEAD_KINDS[k] ? 0.99 : chooseThreshold(oof, k, MIN_PRECISION[k]!)));
  for (const head of ['crisis', 'abuse'] as const) {
    thresholds[MODEL_KINDS.indexOf(head)] = chooseHeadThreshold(oof, head, HEAD_KINDS[head]!, thresholds, MIN_PRECISION[head]!);
  }
  const detections = oof.map((s, i) => detectionOf(s, thresholds, [...new Set(contactOf[i])]));
  const byText = new Map(cases.map((c, i) => [c.text, detections[i]!]));
  const { figures } = measure(cases, (text) => byText.get(text)!);
  print(formatFigures(`out-of-fold on the training parts (${cases.length} messages, ${FOLDS} folds)`, figures));
  print(`  thresholds: ${MODEL_KINDS.map((k, j) => `${k} ${thresholds[j]!.toFixed(3)}`).join(', ')}`);
  if (dryRun) return;

  const final = train(prepared, options);
  const data = modelDataOf(
    final,
    thresholds,
    'Screening model: logistic regression per kind over hashed word 1-2-grams, character 3-5-grams and guard features ' +
      '(server/src/domain/moderation/detection/). Written by `npm run train:screening` from screening-corpus/train.jsonl ' +
      'and legacy.jsonl; do not edit by hand.',
    { ...options, folds: FOLDS, cases: cases.length, minPrecision: MIN_PRECISION },
  );
  fs.writeFileSync(MODEL_PATH, JSON.stringify(data) + '\n');
  print(`  wrote ${data.features.length} feature rows to ${MODEL_PATH}`);
}

main(process.argv.slice(2));
