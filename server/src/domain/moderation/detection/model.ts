// The linear model for crisis and abuse: logistic regression over hashed n-grams and guard features, one weight
// vector per kind, trained by `npm run train:screening` and shipped as screening-model.json.
import { collectFeatures, FEATURE_BITS, FeatureSink, guardFeature } from './features.js';
import { GUARD_NAMES, type Guards } from './guards.js';

/** One weight vector per kind, and one per category ("crisis", "abuse": any of its kinds), trained on more examples. */
export const MODEL_KINDS = ['suicide', 'self_harm', 'immediate_danger', 'abusive', 'sexual', 'crisis', 'abuse'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
export const CRISIS_HEADS: readonly ModelKind[] = ['suicide', 'self_harm', 'immediate_danger', 'crisis'];
export const ABUSE_HEADS: readonly ModelKind[] = ['abusive', 'sexual', 'abuse'];
/** A category head's kinds: when the head fires, the kind is the one of these that scores highest. */
export const HEAD_KINDS: Partial<Record<ModelKind, readonly ModelKind[]>> = {
  crisis: ['suicide', 'self_harm', 'immediate_danger'],
  abuse: ['abusive', 'sexual'],
};

/** The committed weights file: sparse rows `[hash, w(kind 0), w(kind 1), …]` in MODEL_KINDS order. */
export interface ModelData {
  about: string;
  featureBits: number;
  kinds: readonly string[];
  bias: number[];
  /** The decision threshold on each kind's probability, chosen on out-of-fold predictions of the training part. */
  thresholds: number[];
  features: number[][];
  training?: Record<string, unknown>;
}

export interface FeatureWeight {
  feature: string;
  weight: number;
}

const GUARD_HASHES = GUARD_NAMES.map((name) => guardFeature(name));

/** Collects every feature of a segment into a fresh start of `sink`: its words and concepts, then its guards. */
export function segmentFeatures(text: string, guards: Guards, sink: FeatureSink, names?: string[]): FeatureSink {
  sink.n = 0;
  collectFeatures(text, sink, names);
  for (let g = 0; g < GUARD_NAMES.length; g++) {
    if (!guards[GUARD_NAMES[g]!]) continue;
    sink.push(GUARD_HASHES[g]!);
    names?.push(`[${GUARD_NAMES[g]}]`);
  }
  return sink;
}

/** One sink for the screen's hot path: screening is synchronous, so it is never shared by two calls at once. */
const SINK = new FeatureSink();

export class LinearModel {
  readonly kinds: readonly ModelKind[] = MODEL_KINDS;
  readonly bias: Float64Array;
  /** Thresholds as logits: a probability p ≥ t exactly when the logit ≥ log(t / (1 - t)). */
  readonly logitThresholds: Float64Array;
  readonly thresholds: Float64Array;
  private readonly slot: Int32Array;
  private readonly weights: Float32Array;
  private readonly k: number;

  constructor(data: ModelData) {
    if (data.featureBits !== FEATURE_BITS) throw new Error(`screening model has ${data.featureBits}-bit features, the code ${FEATURE_BITS}`);
    if (data.kinds.join() !== MODEL_KINDS.join()) throw new Error('screening model kinds do not match the code');
    this.k = MODEL_KINDS.length;
    this.bias = Float64Array.from(data.bias);
    this.thresholds = Float64Array.from(data.thresholds);
    this.logitThresholds = this.thresholds.map((t) => Math.log(t / (1 - t)));
    this.slot = new Int32Array(1 << FEATURE_BITS).fill(-1);
    this.weights = new Float32Array(data.features.length * this.k);
    data.features.forEach((row, r) => {
      this.slot[row[0]!] = r;
      for (let j = 0; j < this.k; j++) this.weights[r * this.k + j] = row[j + 1]!;
    });
  }

  /** Each kind's logit for one segment: the bias plus the sum of its features' weights over sqrt(feature count). */
  logits(text: string, guards: Guards, out: Float64Array = new Float64Array(this.k)): Float64Array {
    const { slot, weights, k } = this;
    out.fill(0);
    const { hashes, n } = segmentFeatures(text, guards, SINK);
    for (let i = 0; i < n; i++) {
      const r = slot[hashes[i]!]!;
      if (r < 0) continue;
      const base = r * k;
      for (let j = 0; j < k; j++) out[j]! += weights[base + j]!;
    }
    const v = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let j = 0; j < k; j++) out[j] = this.bias[j]! + out[j]! * v;
    return out;
  }

  /** The raw weight sums of a segment's word and concept features (no guards, no bias) into `out`; their count. */
  rawSums(text: string, out: Float64Array): number {
    const { slot, weights, k } = this;
    out.fill(0);
    SINK.n = 0;
    collectFeatures(text, SINK);
    const { hashes, n } = SINK;
    for (let i = 0; i < n; i++) {
      const r = slot[hashes[i]!]!;
      if (r < 0) continue;
      const base = r * k;
      for (let j = 0; j < k; j++) out[j]! += weights[base + j]!;
    }
    return n;
  }

  /** The guard features' weight sums into `out`; their count. */
  guardSums(guards: Guards, out: Float64Array): number {
    out.fill(0);
    let n = 0;
    for (let g = 0; g < GUARD_NAMES.length; g++) {
      if (!guards[GUARD_NAMES[g]!]) continue;
      n++;
      const r = this.slot[GUARD_HASHES[g]!]!;
      if (r < 0) continue;
      for (let j = 0; j < this.k; j++) out[j]! += this.weights[r * this.k + j]!;
    }
    return n;
  }

  /** The logits from raw sums: bias plus the sums over the square root of the feature count. */
  combine(sum: Float64Array, n: number, guardSum: Float64Array, guardCount: number, out: Float64Array): Float64Array {
    const total = n + guardCount;
    const v = total > 0 ? 1 / Math.sqrt(total) : 0;
    for (let j = 0; j < this.k; j++) out[j] = this.bias[j]! + (sum[j]! + guardSum[j]!) * v;
    return out;
  }

  /** The features that moved a kind's score the most in this segment, either way, strongest first. */
  strongest(text: string, guards: Guards, kind: ModelKind, top = 6): FeatureWeight[] {
    const j = MODEL_KINDS.indexOf(kind);
    const names: string[] = [];
    const sink = segmentFeatures(text, guards, new FeatureSink(), names);
    const hashes = Array.from(sink.hashes.subarray(0, sink.n));
    const byName = new Map<string, number>();
    const v = hashes.length > 0 ? 1 / Math.sqrt(hashes.length) : 0;
    hashes.forEach((hash, i) => {
      const r = this.slot[hash]!;
      if (r >= 0) byName.set(names[i]!, (byName.get(names[i]!) ?? 0) + this.weights[r * this.k + j]! * v);
    });
    return [...byName]
      .map(([feature, weight]) => ({ feature, weight: Math.round(weight * 1000) / 1000 }))
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, top);
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
