// The model's features: hashed word uni- and bigrams and concepts (concepts.ts, typo-tolerant, negation-aware) of
// the folded text, one function for training and for screening so that the two can never disagree; names are
// materialised only to explain. Character n-grams were tried and measured worse out of fold (more features than
// examples: they fitted the corpus, not the language).
import { CONCEPTS, conceptWords } from './concepts.js';

/** Feature hashes fall in [0, 2^FEATURE_BITS). */
export const FEATURE_BITS = 20;
const MASK = (1 << FEATURE_BITS) - 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = fnv(FNV_OFFSET, 'w|');
const SEED_BIGRAM = fnv(FNV_OFFSET, 'b|');
const SEED_GUARD = fnv(FNV_OFFSET, 'g|');
const SEED_CONCEPT = fnv(FNV_OFFSET, 'k|');
/** Concept words that follow each other within this many words make a concept pair ("want … die"). */
const CONCEPT_GAP = 4;

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

function wordHash(word: string): number {
  return fnv(SEED_WORD, word);
}

/** A final mix, so that similar FNV states spread over the table. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h & MASK;
}

/** Concepts inside a negation's reach count as their own "not" concepts: "don't want to live" is not "want to live". */
const NEGATED = CONCEPTS.map((c) => `not ${c}`);
const ALL_CONCEPTS = [...CONCEPTS, ...NEGATED];
const CONCEPT_HASH = ALL_CONCEPTS.map((c) => finish(fnv(SEED_CONCEPT, c)));
const PAIR_HASH = ALL_CONCEPTS.map((a) => ALL_CONCEPTS.map((b) => finish(fnv(SEED_CONCEPT, `${a}>${b}`))));
const NEGATION_REACH = 3;
const NEGATION_WORDS = new Set(
  'not never no dont wont wouldnt cant cannot didnt isnt wasnt arent havent hasnt shouldnt nunca jamas ni tampoco nadie nobody'
    .split(' ')
    .map((w) => fnv(SEED_WORD, w)),
);
/** Concept ids by a word's (unfinished) hash, so that the hot path looks words up without slicing strings. */
const CONCEPTS_BY_WORD_HASH = new Map<number, readonly number[]>();
/** Lexicon words of TYPO_MIN letters or more with one letter left out: "myslef" and "cuting" still find their concept. */
const CONCEPTS_BY_DELETION = new Map<string, readonly number[]>();
const CONCEPTS_BY_WORD = new Map<string, readonly number[]>();
const TYPO_MIN = 6;
/** Longer "words" are not typos of a lexicon word, and their deletions would cost quadratic time. */
const TYPO_MAX = 16;
for (const [word, ids] of conceptWords()) {
  CONCEPTS_BY_WORD_HASH.set(wordHash(word), ids);
  CONCEPTS_BY_WORD.set(word, ids);
  if (word.length < TYPO_MIN) continue;
  for (let i = 0; i < word.length; i++) {
    const deleted = word.slice(0, i) + word.slice(i + 1);
    if (!CONCEPTS_BY_DELETION.has(deleted)) CONCEPTS_BY_DELETION.set(deleted, ids);
  }
}

/** Answers of typoConcepts by word, kept until it holds TYPO_CACHE words: people reuse their words. */
const typoCache = new Map<number, readonly number[] | null>();
const TYPO_CACHE = 20_000;

/** The concepts of a word one typo away from a lexicon word (a letter missing, extra, swapped or wrong). */
function typoConcepts(text: string, start: number, end: number, wordHash: number): readonly number[] | undefined {
  // Keyed by the word's hash, so that a word seen before costs no string at all.
  const cached = typoCache.get(wordHash);
  if (cached !== undefined) return cached ?? undefined;
  const found = typoLookup(text.slice(start, end));
  if (typoCache.size >= TYPO_CACHE) typoCache.clear();
  typoCache.set(wordHash, found ?? null);
  return found;
}

function typoLookup(word: string): readonly number[] | undefined {
  const missing = CONCEPTS_BY_DELETION.get(word);
  if (missing) return missing;
  for (let i = 0; i < word.length; i++) {
    const deleted = word.slice(0, i) + word.slice(i + 1);
    const found = CONCEPTS_BY_WORD.get(deleted) ?? CONCEPTS_BY_DELETION.get(deleted);
    if (found) return found;
  }
  return undefined;
}

/**
 * What the model reads: the folded text without apostrophes ("i'm" and "im" are one word, as people type them),
 * every digit as 0 ("30 pills" and "15 pills" are one shape), anything else that is not a letter as a space.
 */
export function modelText(normalised: string): string {
  // One pass instead of four replaces: this runs for every sentence of every message.
  let out = '';
  let space = true;
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised.charCodeAt(i);
    if (c === 39) continue;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      out += c <= 57 ? '0' : normalised[i];
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  return space && out.length > 0 ? out.slice(0, -1) : out;
}

/** A guard's own feature, so that the model weighs it like any other evidence (see guards.ts). */
export function guardFeature(name: string): number {
  return finish(fnv(SEED_GUARD, name));
}

/** Where features are collected: a growing buffer of hashes, reused from message to message (no callback: the hot
 * path stays monomorphic and allocates nothing). */
export class FeatureSink {
  hashes = new Int32Array(256);
  n = 0;

  push(hash: number): void {
    if (this.n === this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[this.n++] = hash;
  }
}

/**
 * Adds every feature hash of `text` (already modelText) to `sink`. With `names`, also pushes each feature's
 * human-readable name at the same index: for explanations only.
 */
export function collectFeatures(text: string, sink: FeatureSink, names?: string[]): void {
  // words, bigrams and concepts
  let wordIndex = 0;
  let lastConcepts: readonly number[] | undefined;
  let lastConceptAt = -CONCEPT_GAP - 1;
  let negatedUntil = -1;
  let start = 0;
  let previous = 0;
  let previousStart = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 32) continue;
    if (i > start) {
      let w = SEED_WORD;
      let b = previousStart >= 0 ? Math.imul(previous ^ 32, FNV_PRIME) : 0;
      // The next bigram continues from this word's bigram-seeded hash.
      let seeded = SEED_BIGRAM;
      for (let j = start; j < i; j++) {
        const c = text.charCodeAt(j);
        w = Math.imul(w ^ c, FNV_PRIME);
        b = Math.imul(b ^ c, FNV_PRIME);
        seeded = Math.imul(seeded ^ c, FNV_PRIME);
      }
      sink.push(finish(w));
      names?.push(text.slice(start, i));
      const found = CONCEPTS_BY_WORD_HASH.get(w) ?? (i - start >= TYPO_MIN && i - start <= TYPO_MAX ? typoConcepts(text, start, i, w) : undefined);
      if (found) {
        const concepts = wordIndex <= negatedUntil ? found.map((c) => c + CONCEPTS.length) : found;
        for (const c of concepts) {
          sink.push(CONCEPT_HASH[c]!);
          names?.push(`{${ALL_CONCEPTS[c]}}`);
          if (lastConcepts && wordIndex - lastConceptAt <= CONCEPT_GAP) {
            for (const p of lastConcepts) {
              sink.push(PAIR_HASH[p]![c]!);
              names?.push(`{${ALL_CONCEPTS[p]}>${ALL_CONCEPTS[c]}}`);
            }
          }
        }
        lastConcepts = concepts;
        lastConceptAt = wordIndex;
      }
      if (NEGATION_WORDS.has(w)) negatedUntil = wordIndex + NEGATION_REACH;
      wordIndex++;
      if (previousStart >= 0) {
        sink.push(finish(b));
        names?.push(text.slice(previousStart, i));
      }
      previous = seeded;
      previousStart = start;
    }
    start = i + 1;
  }
}
