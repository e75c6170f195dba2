// Training the screening model: deterministic logistic regression (AdaGrad, L2, a fixed seed) per kind, and the
// choice of each kind's threshold on out-of-fold predictions. Pure: the CLI (cli/trainScreening.ts) does the I/O.
import { FeatureSink, modelText } from './features.js';
import { guardsOf, maskQuotes, reportedSpeechBefore } from './guards.js';
import { CRISIS_HEADS, MODEL_KINDS, segmentFeatures, type ModelData, type ModelKind } from './model.js';
import { FEATURE_BITS } from './features.js';

export interface TrainingCase {
  text: string;
  kinds: string[];
}

export interface TrainingOptions {
  seed: number;
  epochs: number;
  learningRate: number;
  l2: number;
  /** How much more a missed positive costs than a false alarm, during training. */
  positiveWeight: number;
  /**
   * Scale each feature by its naive-Bayes log-count ratio first (NBSVM, Wang & Manning 2012): strong on small text
   * corpora, and free at run time because the ratio is folded into the weights that are saved.
   */
  nbRatio: boolean;
}

export const DEFAULT_TRAINING: TrainingOptions = { seed: 15, epochs: 30, learningRate: 0.3, l2: 1e-3, positiveWeight: 1, nbRatio: false };


/** A deterministic PRNG (mulberry32): the same seed, the same shuffles, the same weights. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function featuresOf(text: string): Int32Array {
  const mt = modelText(text);
  if (mt.length === 0) return new Int32Array(0);
  const sink = segmentFeatures(mt, guardsOf(text), new FeatureSink());
  return sink.hashes.slice(0, sink.n);
}

/**
 * What each model kind is trained on, as the screen reads it: the crisis view masks someone else's quoted words,
 * the abuse view masks every quotation and leaves out sentences that report what someone else said.
 */
export function trainingViews(normalised: string): { crisis: Int32Array; abuse: Int32Array } {
  const abuseText = maskQuotes(normalised, false)
    .split(/(?<=[.!?;])\s+|\s*\n+\s*/)
    .filter((s) => s.length > 0 && !reportedSpeechBefore(s))
    .join(' ');
  return { crisis: featuresOf(maskQuotes(normalised, true)), abuse: featuresOf(abuseText) };
}

export interface PreparedCase {
  crisis: Int32Array;
  abuse: Int32Array;
  kinds: Set<string>;
}

export interface TrainedWeights {
  bias: number[];
  weights: Map<number, Float64Array>;
}

/** One logistic regression per kind over the prepared cases. */
export function train(cases: readonly PreparedCase[], options: TrainingOptions = DEFAULT_TRAINING): TrainedWeights {
  const dim = 1 << FEATURE_BITS;
  const bias: number[] = [];
  const weights = new Map<number, Float64Array>();
  MODEL_KINDS.forEach((kind, j) => {
    const random = seededRandom(options.seed * 31 + j);
    const w = new Float64Array(dim);
    const g2 = new Float64Array(dim);
    let b = 0;
    let b2 = 0;
    const view = CRISIS_HEADS.includes(kind) ? 'crisis' : 'abuse';
    const ratio = options.nbRatio ? nbRatios(cases, kind, view, dim) : undefined;
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (const c of shuffled(cases, random)) {
        const x = c[view];
        const y = c.kinds.has(kind) ? 1 : 0;
        // Each feature weighs 1/sqrt(n): a long message is not more certain than a short one just by being long.
        const v = x.length > 0 ? 1 / Math.sqrt(x.length) : 0;
        let z = 0;
        for (let i = 0; i < x.length; i++) z += w[x[i]!]! * (ratio ? ratio[x[i]!]! : 1);
        z = b + z * v;
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - y) * (y === 1 ? options.positiveWeight : 1);
        b2 += g * g;
        b -= (options.learningRate * g) / (Math.sqrt(b2) + 1e-8);
        for (let i = 0; i < x.length; i++) {
          const h = x[i]!;
          const grad = g * v * (ratio ? ratio[h]! : 1) + options.l2 * w[h]!;
          g2[h]! += grad * grad;
          w[h]! -= (options.learningRate * grad) / (Math.sqrt(g2[h]!) + 1e-8);
        }
      }
    }
    bias.push(b);
    if (ratio) for (let h = 0; h < dim; h++) w[h] = w[h]! * ratio[h]!;
    for (let h = 0; h < dim; h++) {
      if (w[h] === 0) continue;
      let row = weights.get(h);
      if (!row) {
        row = new Float64Array(MODEL_KINDS.length);
        weights.set(h, row);
      }
      row[j] = w[h]!;
    }
  });
  return { bias, weights };
}

/** log((p / |p|) / (q / |q|)) per feature, p and q its smoothed counts in positive and negative cases. */
function nbRatios(cases: readonly PreparedCase[], kind: ModelKind, view: 'crisis' | 'abuse', dim: number): Float64Array {
  const p = new Float64Array(dim);
  const q = new Float64Array(dim);
  for (const c of cases) {
    const counts = c.kinds.has(kind) ? p : q;
    for (const h of new Set(c[view])) counts[h]! += 1;
  }
  let sp = 0;
  let sq = 0;
  const seen: number[] = [];
  for (let h = 0; h < dim; h++) {
    if (p[h] === 0 && q[h] === 0) continue;
    seen.push(h);
    sp += p[h]! + 1;
    sq += q[h]! + 1;
  }
  const r = new Float64Array(dim);
  for (const h of seen) r[h] = Math.log((p[h]! + 1) / sp / ((q[h]! + 1) / sq));
  return r;
}

/** The weights as the committed data file: rows rounded to four decimals, near-zero rows dropped. */
export function modelDataOf(trained: TrainedWeights, thresholds: number[], about: string, training: Record<string, unknown>, prune = 1e-3): ModelData {
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const features = [...trained.weights]
    .filter(([, row]) => row.some((w) => Math.abs(w) >= prune))
    .sort(([a], [b]) => a - b)
    .map(([h, row]) => [h, ...Array.from(row, round)]);
  return {
    about,
    featureBits: FEATURE_BITS,
    kinds: [...MODEL_KINDS],
    bias: trained.bias.map(round),
    thresholds: thresholds.map((t) => Math.round(t * 1e4) / 1e4),
    features,
    training,
  };
}

export interface ScoredCase {
  /** The kinds the case is labelled with. */
  want: Set<string>;
  /** The kinds an accepted rule found (after vetoes). */
  rules: Set<string>;
  /** The model's best logit per kind. */
  logits: Float64Array;
  vetoed: Set<string>;
  /** The language, for thresholds that must hold in each language. */
  lang?: string;
}

/**
 * The lowest threshold (on the probability) at which the kind, rules and model together, keeps precision at or
 * above `minPrecision` on out-of-fold predictions: the most recall the precision floor allows.
 */
export function chooseThreshold(scored: readonly ScoredCase[], kind: ModelKind, minPrecision: number): number {
  const j = MODEL_KINDS.indexOf(kind);
  const candidates = [...new Set(scored.map((s) => s.logits[j]!).filter(Number.isFinite))].sort((a, b) => a - b);
  let best = 0.99;
  for (const z of candidates) {
    let tp = 0;
    let fp = 0;
    for (const s of scored) {
      const got = s.rules.has(kind) || (s.logits[j]! >= z && !s.vetoed.has(kind));
      if (!got) continue;
      if (s.want.has(kind)) tp++;
      else fp++;
    }
    if (tp + fp > 0 && tp / (tp + fp) >= minPrecision) {
      best = 1 / (1 + Math.exp(-z));
      break;
    }
  }
  // Never fire on a probability below one in ten, whatever the corpus says: a floor against sparse evidence.
  return Math.min(0.99, Math.max(0.1, best));
}

/**
 * A category head's threshold, the kinds' thresholds fixed: the lowest at which the category (rules, kinds and head
 * together) keeps precision at or above `minPrecision` in every language, on out-of-fold predictions.
 */
export function chooseHeadThreshold(scored: readonly ScoredCase[], head: ModelKind, kinds: readonly ModelKind[], kindThresholds: readonly number[], minPrecision: number): number {
  const h = MODEL_KINDS.indexOf(head);
  const kindLogits = kinds.map((k) => [MODEL_KINDS.indexOf(k), Math.log(kindThresholds[MODEL_KINDS.indexOf(k)]! / (1 - kindThresholds[MODEL_KINDS.indexOf(k)]!))] as const);
  const base = scored.map((s) => kinds.some((k, i) => s.rules.has(k) || (s.logits[kindLogits[i]![0]]! >= kindLogits[i]![1] && !s.vetoed.has(k))));
  const want = scored.map((s) => s.want.has(head));
  const langs = [...new Set(scored.map((s) => s.lang ?? ''))];
  const candidates = [...new Set(scored.map((s) => s.logits[h]!).filter(Number.isFinite))].sort((a, b) => a - b);
  for (const z of candidates) {
    const ok = langs.every((lang) => {
      let tp = 0;
      let fp = 0;
      scored.forEach((s, i) => {
        if ((s.lang ?? '') !== lang) return;
        const got = base[i] || (s.logits[h]! >= z && !s.vetoed.has(head));
        if (!got) return;
        if (want[i]) tp++;
        else fp++;
      });
      return tp + fp > 0 && tp / (tp + fp) >= minPrecision;
    });
    if (ok) return Math.min(0.99, Math.max(0.1, 1 / (1 + Math.exp(-z))));
  }
  return 0.99;
}
