// One message through the whole screen: contact rules; crisis and abuse rules and the linear model, each behind
// its guards; every decision with the rule or the strongest features that made it.
import { ABUSE_KINDS, abuseRules, type AbuseKind } from './abuseRules.js';
import { cachedAllowSets, contactHits, contactKinds, type ContactAllowlist, type ContactKind } from './contact.js';
import { CRISIS_KINDS, crisisRules, type CrisisKind } from './crisisRules.js';
import { modelText } from './features.js';
import { guardsOf, maskQuotes, reportedCrisisBefore, reportedSpeechBefore, type GuardName, type Guards } from './guards.js';
import { ABUSE_HEADS, CRISIS_HEADS, HEAD_KINDS, MODEL_KINDS, sigmoid, type FeatureWeight, type LinearModel, type ModelKind } from './model.js';
import { crisisRuleAccepts, NeedleIndex, ruleHits, sentenceBefore } from './rules.js';

export interface Detection {
  crisis: CrisisKind[];
  contact: ContactKind[];
  abuse: AbuseKind[];
}

export interface DetectOptions {
  /** Phone numbers (any formatting) and domains that are support resources, never a personal contact. */
  allow?: ContactAllowlist;
}

export type Category = keyof Detection;

/** Why a kind was found: the rule that fired, or the model's probability with its strongest features. */
export type Reason =
  | { category: Category; kind: string; source: 'rule'; rule: string; match: string }
  | { category: Category; kind: string; head?: string; source: 'model'; probability: number; threshold: number; features: FeatureWeight[] };

export interface Explanation {
  detection: Detection;
  reasons: Reason[];
  /** A kind some rule or the model found, dropped by a guard (e.g. self-harm in the past with recovery stated). */
  vetoed: { kind: string; guard: GuardName }[];
  /** The guards that held for the message. */
  guards: GuardName[];
}

const MAX_SEGMENTS = 24;
const SENTENCE_END = /(?<=[.!?;])\s+|\s*\n+\s*/;
/** Cheaper than splitting: most messages are one sentence. */
const MAYBE_SENTENCES = /[.!?;]\s|\n/;

/** Sentences, so that one crisis sentence in a long message is read on its own; at most MAX_SEGMENTS of them. */
function segmentsOf(t: string): string[] {
  if (!MAYBE_SENTENCES.test(t)) return [t];
  const parts = t.split(SENTENCE_END).filter((s) => s.length > 0);
  if (parts.length <= MAX_SEGMENTS) return parts;
  return [...parts.slice(0, MAX_SEGMENTS - 1), parts.slice(MAX_SEGMENTS - 1).join(' ')];
}

/** A guard that drops a kind outright, whatever the evidence: the corpus cannot hold every phrasing these cover. */
function vetoOf(kind: ModelKind, g: Guards): GuardName | undefined {
  if ((kind === 'suicide' || kind === 'self_harm') && g.recovery) return 'recovery';
  if (kind === 'self_harm' && g.accident) return 'accident';
  if (kind === 'immediate_danger' && g.past_danger) return 'past_danger';
  return undefined;
}

const KIND_INDEX = new Map<string, number>(MODEL_KINDS.map((k, i) => [k, i]));

interface ModelScore {
  best: Float64Array;
  bestSegment: (string | undefined)[];
  bestGuards: (Guards | undefined)[];
}

interface Pass {
  kinds: readonly ModelKind[];
  skip?: (segment: string) => boolean;
}

/**
 * The highest logit of each pass's kinds over the message's segments (and the whole of it, when it has several).
 * Passes share each segment's guards and logits: the crisis and the abuse view are one pass over the text when
 * their texts are the same. Also answers the whole text's guards when it computed them.
 */
function scoreSegments(model: LinearModel, text: string, passes: readonly Pass[]): { scores: ModelScore[]; wholeGuards: Guards } {
  const scores = passes.map(() => ({
    best: new Float64Array(MODEL_KINDS.length).fill(-Infinity),
    bestSegment: new Array<string | undefined>(MODEL_KINDS.length),
    bestGuards: new Array<Guards | undefined>(MODEL_KINDS.length),
  }));
  const k = MODEL_KINDS.length;
  // The guards are the message's, for every segment, as in training (which reads whole messages): a recovery said
  // in one sentence speaks for the others too. Once per message, not once per sentence.
  const wholeGuards = guardsOf(text);
  const guardSum = new Float64Array(k);
  const guardCount = model.guardSums(wholeGuards, guardSum);
  const segments = segmentsOf(text);
  // The whole message's sums are its sentences' sums added up (the few word pairs across a sentence end aside):
  // each sentence's features are collected once.
  const whole = passes.map(() => ({ sum: new Float64Array(k), n: 0, complete: true }));
  const sum = new Float64Array(k);
  const out = new Float64Array(k);
  const consider = (p: number, logits: Float64Array, segment: string | undefined) => {
    const score = scores[p]!;
    for (const kind of passes[p]!.kinds) {
      const j = KIND_INDEX.get(kind)!;
      if (logits[j]! > score.best[j]!) {
        score.best[j] = logits[j]!;
        score.bestSegment[j] = segment;
        score.bestGuards[j] = wholeGuards;
      }
    }
  };
  for (const segment of segments) {
    const wanted = passes.map((p) => !p.skip?.(segment));
    wanted.forEach((w, p) => (whole[p]!.complete &&= w));
    if (!wanted.includes(true)) continue;
    const mt = modelText(segment);
    if (mt.length === 0) continue;
    const n = model.rawSums(mt, sum);
    model.combine(sum, n, guardSum, guardCount, out);
    passes.forEach((_pass, p) => {
      if (!wanted[p]) return;
      const w = whole[p]!;
      for (let j = 0; j < k; j++) w.sum[j]! += sum[j]!;
      w.n += n;
      consider(p, out, mt);
    });
  }
  if (segments.length > 1) {
    let wholeText: string | undefined;
    passes.forEach((_pass, p) => {
      const w = whole[p]!;
      if (!w.complete || w.n === 0) return;
      model.combine(w.sum, w.n, guardSum, guardCount, out);
      wholeText ??= modelText(text);
      consider(p, out, wholeText);
    });
  }
  return { scores, wholeGuards };
}

const CRISIS_MODEL_KINDS = CRISIS_HEADS;
/** The crisis rules' and the abuse rules' gates in one automaton: one scan when both views are the same text. */
const RULE_NEEDLES = new NeedleIndex([...crisisRules, ...abuseRules]);
const CRISIS_SEEN = new Uint8Array(RULE_NEEDLES.needles);
const ABUSE_SEEN = new Uint8Array(RULE_NEEDLES.needles);
const ABUSE_MODEL_KINDS = ABUSE_HEADS;

/** The kind a category head stands for in this message: its kind that scores highest. */
function headKind(head: ModelKind, logits: Float64Array): ModelKind {
  let best: ModelKind = HEAD_KINDS[head]![0]!;
  for (const k of HEAD_KINDS[head]!) if (logits[KIND_INDEX.get(k)!]! > logits[KIND_INDEX.get(best)!]!) best = k;
  return best;
}

/** What the rules and the model each say about a message, before the model's thresholds are applied. */
export interface ScreenParts {
  contact: ReturnType<typeof contactHits>;
  ruleReasons: Extract<Reason, { source: 'rule' }>[];
  /** Kinds some accepted rule found, after the vetoes. */
  ruleKinds: Set<string>;
  /** Each kind's best logit over the message's segments (MODEL_KINDS order). */
  logits: Float64Array;
  /** Kinds a guard drops outright, and which guard. */
  vetoes: Map<string, GuardName>;
  /** Vetoed kinds that an accepted rule had found. */
  vetoedRuleKinds: Set<string>;
  crisisGuards: Guards;
  crisisScore: ModelScore;
  abuseScore: ModelScore;
}

/** Runs every rule and the model over already normalised text. */
export function screenParts(t: string, options: DetectOptions, model: LinearModel, explain: boolean): ScreenParts {
  const ruleReasons: ScreenParts['ruleReasons'] = [];
  const ruleKinds = new Set<string>();
  const vetoes = new Map<string, GuardName>();

  const contact = contactHits(t, cachedAllowSets(options.allow), explain);
  for (const h of contact) ruleReasons.push({ category: 'contact', kind: h.kind, source: 'rule', rule: h.rule, match: h.match });

  // Crisis: someone else's quoted words are masked; a survivor's own quoted thoughts are kept. Abuse: every
  // quotation is masked, and a sentence that reports what someone else said is skipped.
  const crisisText = maskQuotes(t, true);
  const abuseText = maskQuotes(t, false);
  const crisisPass: Pass = { kinds: CRISIS_MODEL_KINDS };
  const abusePass: Pass = { kinds: ABUSE_MODEL_KINDS, skip: reportedSpeechBefore };
  const shared = crisisText === abuseText;
  const first = scoreSegments(model, crisisText, shared ? [crisisPass, abusePass] : [crisisPass]);
  const crisisScore = first.scores[0]!;
  const abuseScore = shared ? first.scores[1]! : scoreSegments(model, abuseText, [abusePass]).scores[0]!;
  const crisisGuards = first.wholeGuards;
  const crisisSeen = RULE_NEEDLES.present(crisisText, CRISIS_SEEN);
  const abuseSeen = shared ? crisisSeen : RULE_NEEDLES.present(abuseText, ABUSE_SEEN);
  for (const kind of CRISIS_MODEL_KINDS) {
    const guard = vetoOf(kind, crisisGuards);
    if (guard) vetoes.set(kind, guard);
  }
  const crisisHits = ruleHits(
    crisisText,
    crisisRules,
    (rule, index) =>
      crisisRuleAccepts(crisisText, rule, index) && (rule.kind === 'immediate_danger' || !reportedCrisisBefore(sentenceBefore(crisisText, index))),
    explain,
    { index: RULE_NEEDLES, seen: crisisSeen, offset: 0 },
  );
  const vetoedRuleKinds = new Set<string>();
  for (const hit of crisisHits) {
    if (vetoes.has(hit.kind)) {
      vetoedRuleKinds.add(hit.kind);
      continue;
    }
    ruleKinds.add(hit.kind);
    ruleReasons.push({ category: 'crisis', kind: hit.kind, source: 'rule', rule: hit.rule, match: hit.match });
  }

  for (const hit of ruleHits(abuseText, abuseRules, (_rule, index) => !reportedSpeechBefore(sentenceBefore(abuseText, index)), explain, { index: RULE_NEEDLES, seen: abuseSeen, offset: crisisRules.length })) {
    ruleKinds.add(hit.kind);
    ruleReasons.push({ category: 'abuse', kind: hit.kind, source: 'rule', rule: hit.rule, match: hit.match });
  }

  const logits = new Float64Array(MODEL_KINDS.length);
  MODEL_KINDS.forEach((k, j) => (logits[j] = (CRISIS_MODEL_KINDS.includes(k) ? crisisScore : abuseScore).best[j]!));
  // A head stands for its best kind: vetoed with it, and found by the rules when any of its kinds is.
  for (const head of ['crisis', 'abuse'] as const) {
    const guard = vetoes.get(headKind(head, logits));
    if (guard) vetoes.set(head, guard);
    if (HEAD_KINDS[head]!.some((k) => ruleKinds.has(k))) ruleKinds.add(head);
  }
  return { contact, ruleReasons, ruleKinds, logits, vetoes, vetoedRuleKinds, crisisGuards, crisisScore, abuseScore };
}

/** Screens already normalised text. `explain` also gathers the reasons (slower: it names the features). */
export function screenNormalised(t: string, options: DetectOptions, model: LinearModel, explain: boolean): Explanation {
  const parts = screenParts(t, options, model, explain);
  const found = new Set(parts.ruleKinds);
  const reasons: Reason[] = explain ? [...parts.ruleReasons] : [];
  const vetoed: Explanation['vetoed'] = [];
  MODEL_KINDS.forEach((kind, j) => {
    if (!(parts.logits[j]! >= model.logitThresholds[j]!)) return;
    const guard = parts.vetoes.get(kind);
    if (guard) {
      if (explain) vetoed.push({ kind, guard });
      return;
    }
    const asKind = HEAD_KINDS[kind] ? headKind(kind, parts.logits) : kind;
    found.add(asKind);
    if (!explain) return;
    const score = CRISIS_MODEL_KINDS.includes(kind) ? parts.crisisScore : parts.abuseScore;
    reasons.push({
      category: CRISIS_MODEL_KINDS.includes(kind) ? 'crisis' : 'abuse',
      kind: asKind,
      ...(asKind !== kind ? { head: kind } : {}),
      source: 'model',
      probability: Math.round(sigmoid(parts.logits[j]!) * 1000) / 1000,
      threshold: model.thresholds[j]!,
      features: model.strongest(score.bestSegment[j]!, score.bestGuards[j]!, kind),
    });
  });
  if (explain) {
    for (const kind of parts.vetoedRuleKinds) if (!vetoed.some((v) => v.kind === kind)) vetoed.push({ kind, guard: parts.vetoes.get(kind)! });
  }
  return {
    detection: {
      crisis: CRISIS_KINDS.filter((k) => found.has(k)),
      contact: contactKinds(parts.contact),
      abuse: ABUSE_KINDS.filter((k) => found.has(k)),
    },
    reasons,
    vetoed,
    guards: explain ? (Object.entries(parts.crisisGuards) as [GuardName, boolean][]).filter(([, v]) => v).map(([k]) => k) : [],
  };
}
