// The pattern-rule engine shared by the crisis and abuse rules: first match per kind, with the guards a rule asks for.

export interface Rule<K extends string> {
  kind: K;
  /** What a moderator reads when this rule fired, e.g. "suicide: wish to die". */
  name: string;
  pattern: RegExp;
  /** Suppressed when a negation stands in the few words before it ("I'm not suicidal"). */
  negatable?: boolean;
  /** Suppressed when it is about someone else ("my friend is suicidal"). */
  firstPersonOnly?: boolean;
  /** Substrings at least one of which every match contains: without any of them the pattern is not run. */
  needs?: readonly string[];
}

export interface RuleHit<K extends string> {
  kind: K;
  rule: string;
  match: string;
  index: number;
}

export const NEGATIONS =
  /\b(not|never|no|dont|don't|do not|didnt|didn't|wouldnt|wouldn't|wont|won't|isnt|isn't|wasnt|wasn't|am not|aren't|arent|nunca|jamas|ni)\b/;
export const THIRD_PARTY =
  /\b(he|she|they|someone|somebody|friend|friends|sister|brother|mom|mum|mother|dad|father|son|daughter|partner|boyfriend|girlfriend|husband|wife|cousin|classmate|coworker|colleague|roommate|character|book|novel|movie|show|her|his|their|el|ella|amiga|amigo|hermana|hermano|madre|padre|hija|hijo|prima|primo|novio|novia)\b/;

/** The clause before a match: from the last clause break (. , ; ! ? : and "but") up to the match. */
export function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  const cut = Math.max(
    before.lastIndexOf('.'),
    before.lastIndexOf(','),
    before.lastIndexOf(';'),
    before.lastIndexOf('!'),
    before.lastIndexOf('?'),
    before.lastIndexOf(':'),
    before.lastIndexOf(' but '),
    before.lastIndexOf(' pero '),
  );
  return before.slice(cut + 1);
}

/** The last `n` words of the clause before a match. */
export function wordsBefore(text: string, index: number, n: number): string {
  return clauseBefore(text, index).trim().split(' ').slice(-n).join(' ');
}

/** The sentence before a match (commas do not end it: reported speech often sits behind one). */
export function sentenceBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  return before.slice(cut + 1);
}

/** Whether a rule can match at all: one of the substrings it needs is in the text. */
export function gateOpen(text: string, needs: readonly string[] | undefined): boolean {
  if (!needs) return true;
  for (const n of needs) if (text.includes(n)) return true;
  return false;
}

/**
 * Every rule's needed substrings in one Aho-Corasick automaton, compiled to a table over ASCII: a single pass over
 * the text says which are present, so gating a hundred rules costs one scan instead of hundreds of `includes`.
 */
export class NeedleIndex {
  /** Per rule, in the order of the rules given, the needle ids that open its gate; undefined means always open. */
  private readonly gates: (Int32Array | undefined)[];
  private readonly delta: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;
  readonly needles: number;

  constructor(rules: readonly Rule<string>[]) {
    const next: Map<number, number>[] = [new Map()];
    const out: number[][] = [[]];
    const ids = new Map<string, number>();
    const add = (needle: string): number => {
      const known = ids.get(needle);
      if (known !== undefined) return known;
      const id = ids.size;
      ids.set(needle, id);
      let node = 0;
      for (let i = 0; i < needle.length; i++) {
        const c = needle.charCodeAt(i) & 127;
        let child = next[node]!.get(c);
        if (child === undefined) {
          child = next.length;
          next.push(new Map());
          out.push([]);
          next[node]!.set(c, child);
        }
        node = child;
      }
      out[node]!.push(id);
      return id;
    };
    this.gates = rules.map((rule) => (rule.needs ? Int32Array.from(rule.needs, add) : undefined));
    this.needles = ids.size;
    // Breadth first: failure links, then every node's full transition row and outputs (its own and its failure's).
    const fail = new Int32Array(next.length);
    this.delta = new Int32Array(next.length * 128);
    const order: number[] = [0];
    for (let q = 0; q < order.length; q++) {
      const node = order[q]!;
      for (let c = 0; c < 128; c++) {
        const child = next[node]!.get(c);
        if (child !== undefined) {
          fail[child] = node === 0 ? 0 : this.delta[fail[node]! * 128 + c]!;
          if (node !== 0) out[child] = [...out[child]!, ...out[fail[child]!]!];
          this.delta[node * 128 + c] = child;
          order.push(child);
        } else {
          this.delta[node * 128 + c] = node === 0 ? 0 : this.delta[fail[node]! * 128 + c]!;
        }
      }
    }
    this.outStart = new Int32Array(next.length + 1);
    out.forEach((list, node) => (this.outStart[node + 1] = this.outStart[node]! + list.length));
    this.outIds = Int32Array.from(out.flat());
  }

  /** Which needles occur in the text, by id; into `seen` when given (reused, so that nothing is allocated). */
  present(text: string, seen: Uint8Array = new Uint8Array(this.needles)): Uint8Array {
    seen.fill(0);
    const { delta, outStart, outIds } = this;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      node = c < 128 ? delta[node * 128 + c]! : 0;
      for (let k = outStart[node]!, end = outStart[node + 1]!; k < end; k++) seen[outIds[k]!] = 1;
    }
    return seen;
  }

  /** Whether the gate of the rule at this index is open, given `present(text)`. */
  open(index: number, seen: Uint8Array): boolean {
    const gate = this.gates[index];
    if (!gate) return true;
    for (let k = 0; k < gate.length; k++) if (seen[gate[k]!] === 1) return true;
    return false;
  }
}

/** A global copy of each rule list's patterns, compiled once: every message is screened, compiling per call showed. */
const globalPatterns = new WeakMap<readonly Rule<string>[], RegExp[]>();
function globalsOf(rules: readonly Rule<string>[]): RegExp[] {
  let list = globalPatterns.get(rules);
  if (!list) {
    list = rules.map((r) => new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : r.pattern.flags + 'g'));
    globalPatterns.set(rules, list);
  }
  return list;
}

/** Which gates are open for one text: an index over several rule lists, and the list's first position in it. */
export interface Gates {
  index: NeedleIndex;
  seen: Uint8Array;
  offset: number;
}

/** The first accepted match of each kind (or of each rule, with `all`), in rule order. */
export function ruleHits<K extends string>(
  text: string,
  rules: readonly Rule<K>[],
  accept: (rule: Rule<K>, index: number) => boolean,
  all = false,
  gates?: Gates,
): RuleHit<K>[] {
  const hits: RuleHit<K>[] = [];
  const found: K[] = [];
  const globals = globalsOf(rules);
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    if (!all && found.includes(rule.kind)) continue;
    if (gates ? !gates.index.open(gates.offset + r, gates.seen) : !gateOpen(text, rule.needs)) continue;
    // Shared and stateful (lastIndex), which is safe because the whole scan is synchronous.
    const re = globals[r]!;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (accept(rule, m.index)) {
        found.push(rule.kind);
        hits.push({ kind: rule.kind, rule: rule.name, match: m[0], index: m.index });
        break;
      }
      if (m[0].length === 0) re.lastIndex += 1;
    }
  }
  return hits;
}

/** The standard guards of a crisis rule: a negation just before it, or someone else as its subject. */
export function crisisRuleAccepts<K extends string>(text: string, rule: Rule<K>, index: number): boolean {
  if (rule.negatable && NEGATIONS.test(wordsBefore(text, index, 4))) return false;
  if (rule.firstPersonOnly && THIRD_PARTY.test(wordsBefore(text, index, 6))) return false;
  return true;
}
