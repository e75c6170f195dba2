// The message screen against its sealed test part: precision and recall per category, language and kind are
// printed, and the test fails under the targets of issue 15. Also: the gates never hide a match, the guards and the
// explanation, the allow-list, determinism and the cost of crafted messages.
import { describe, expect, it } from 'vitest';
import { detect, detectContactDetails, detectCrisis, explain, screeningModel, type Detection } from './detection.js';
import { abuseRules } from './detection/abuseRules.js';
import { cachedAllowSets, contactHits } from './detection/contact.js';
import { crisisRules } from './detection/crisisRules.js';
import { guardsOf, maskQuotes } from './detection/guards.js';
import { MODEL_KINDS } from './detection/model.js';
import { gateOpen } from './detection/rules.js';
import { normalise } from './detection/text.js';
import {
  formatFigures,
  LANGUAGES,
  loadPart,
  measure,
  partDigest,
  readSeal,
  SEALED_PARTS,
  TRAINING_PARTS,
  type Figures,
} from './screening-corpus/corpus.js';

/** Issue 15's targets: crisis in each language, contact and abuse over both. */
const TARGETS = {
  crisis: { recall: 0.9, precision: 0.85, perLanguage: true },
  contact: { recall: 0.9, precision: 0.95, perLanguage: false },
  abuse: { recall: 0.85, precision: 0.85, perLanguage: false },
} as const;

const screen = (text: string): Detection => detect(text);

function targetFailures(figures: Figures): string[] {
  const failures: string[] = [];
  for (const [category, target] of Object.entries(TARGETS) as [keyof typeof TARGETS, (typeof TARGETS)[keyof typeof TARGETS]][]) {
    for (const lang of target.perLanguage ? LANGUAGES : (['all'] as const)) {
      const s = figures[category][lang];
      if (s.recall < target.recall) failures.push(`${category} ${lang} recall ${s.recall.toFixed(3)} < ${target.recall}`);
      if (s.precision < target.precision) failures.push(`${category} ${lang} precision ${s.precision.toFixed(3)} < ${target.precision}`);
    }
  }
  return failures;
}

describe('the screen on its sealed parts', () => {
  const seal = readSeal();

  it('has sealed parts that nobody edited since they were sealed', () => {
    for (const part of SEALED_PARTS) {
      expect(seal.parts[part], `${part} is recorded in sealed.json`).toBeDefined();
      expect(partDigest(part), `${part} is unchanged`).toBe(seal.parts[part]!.sha256);
    }
  });

  it('meets the targets on the sealed test part (figures printed, misses kept sealed)', () => {
    const lines: string[] = [];
    let failures: string[] = [];
    for (const part of SEALED_PARTS) {
      const cases = loadPart(part);
      const { figures } = measure(cases, screen);
      const entry = seal.parts[part]!;
      lines.push(formatFigures(`${part} (${cases.length} messages, sealed ${entry.sealedAt.slice(0, 10)}${entry.tunedOn ? ', since tuned on' : ''})`, figures));
      if (part === 'test') failures = targetFailures(figures);
    }
    lines.push(failures.length ? `  test part under target: ${failures.join('; ')}` : '  test part: every target met');
    console.log(lines.join('\n'));
    expect(failures).toEqual([]);
  });

  it('fits its training parts (optimistic: the model was trained on them)', () => {
    const cases = TRAINING_PARTS.flatMap((part) => loadPart(part));
    const { figures } = measure(cases, screen);
    console.log(formatFigures(`training parts (${cases.length} messages)`, figures));
    for (const category of ['crisis', 'contact', 'abuse'] as const) {
      expect(figures[category].all.recall, category).toBeGreaterThan(0.95);
      expect(figures[category].all.precision, category).toBeGreaterThan(0.95);
    }
  });
});

describe('the gates', () => {
  // A gate lets a rule run only when a word it needs is in the text; over every message of every part (the sealed
  // ones too: this compares the screen with itself, it measures nothing), a gate must never hide a match.
  const texts = [...TRAINING_PARTS, ...SEALED_PARTS].flatMap((part) => loadPart(part).map((c) => normalise(c.text)));

  it('never hide a crisis or abuse rule’s match', () => {
    const hidden: string[] = [];
    for (const t of texts) {
      for (const view of new Set([t, maskQuotes(t, true), maskQuotes(t, false)])) {
        for (const rule of [...crisisRules, ...abuseRules]) if (rule.pattern.test(view) && !gateOpen(view, rule.needs)) hidden.push(rule.name);
      }
    }
    expect(hidden).toEqual([]);
    expect([...crisisRules, ...abuseRules].filter((r) => !r.needs).map((r) => r.name)).toEqual([]);
  });

  it('never change a guard’s or a contact rule’s answer', () => {
    const allow = cachedAllowSets(undefined);
    for (const t of texts) {
      expect(guardsOf(t, true), t).toEqual(guardsOf(t, false));
      expect(contactHits(t, allow, true, true), t).toEqual(contactHits(t, allow, true, false));
    }
  });
});

describe('guards and explanations', () => {
  it('keeps the past with recovery stated, an abuser quoted, idioms, accidents and prescriptions out of crisis', () => {
    for (const text of [
      "I used to cut myself but I've been clean for three years",
      "he told me 'go kill yourself' and laughed",
      'this traffic is killing me',
      "I'd kill for a coffee",
      'I cut my finger chopping onions',
      'I take my sertraline every morning like the doctor said',
      'my friend said she wants to die, what do I do',
    ]) {
      expect(detectCrisis(text), text).toEqual([]);
    }
  });

  it('keeps the abuser’s words and venting about him out of abuse', () => {
    for (const text of ['he called me a stupid bitch in front of everyone', "he said 'you're fucking useless'", "he's a fucking piece of shit"]) {
      expect(detect(text).abuse, text).toEqual([]);
    }
    expect(detect("you're fucking useless").abuse).toEqual(['abusive']);
  });

  it('explains each decision by the rule that fired or the model’s strongest features, and names vetoes', () => {
    const byRule = explain('I want to kill myself');
    expect(byRule.detection.crisis).toEqual(['suicide']);
    expect(byRule.reasons).toContainEqual(expect.objectContaining({ source: 'rule', kind: 'suicide', rule: 'wish or plan to kill oneself' }));

    const byModel = explain('everything feels pointless, i want it to be over, i am so tired of being alive and a weight on everyone');
    const modelReason = byModel.reasons.find((r) => r.source === 'model');
    expect(modelReason, JSON.stringify(byModel.reasons)).toBeDefined();
    if (modelReason?.source === 'model') {
      expect(modelReason.probability).toBeGreaterThanOrEqual(modelReason.threshold);
      expect(modelReason.features.length).toBeGreaterThan(0);
      expect(modelReason.features[0]).toEqual({ feature: expect.any(String), weight: expect.any(Number) });
    }

    const vetoed = explain('I used to cut myself when I was 15, I have not done it in years');
    expect(vetoed.detection.crisis).toEqual([]);
    expect(vetoed.vetoed).toContainEqual({ kind: 'self_harm', guard: 'recovery' });
    expect(vetoed.guards).toContain('recovery');
  });

  it('ships a model whose kinds and thresholds match the code', () => {
    expect(screeningModel.kinds).toEqual(MODEL_KINDS);
    for (const t of screeningModel.thresholds) expect(t).toBeGreaterThan(0);
  });

  it('is deterministic: the same text always gives the same answer', () => {
    for (const item of loadPart('train').slice(0, 60)) expect(detect(item.text)).toEqual(detect(item.text));
  });
});

describe('detector details', () => {
  it('names the kind of contact detail it found', () => {
    expect(detectContactDetails('mail me at a.b@example.com')).toEqual(['email']);
    expect(detectContactDetails('call 0612 345 678')).toEqual(['phone']);
    expect(detectContactDetails('see example.com/page')).toEqual(['link']);
    expect(detectContactDetails('I am @someone_here')).toEqual(['social_handle']);
    expect(detectContactDetails("what's your number")).toEqual(['request']);
    expect(detectContactDetails('do u have discord')).toEqual(['request']);
    expect(detectContactDetails('¿tienes whatsapp?')).toEqual(['request']);
    expect(detectContactDetails('my email is robinwaters at gmail')).toEqual(['email']);
  });

  it('lets support resources through, including ones added to the allow-list at run time', () => {
    expect(detectContactDetails('call 1-800-656-4673 or visit rainn.org')).toEqual([]);
    expect(detectContactDetails('call 0800 123 456 78 or see localhelp.org')).toEqual(['phone', 'link']);
    expect(
      detectContactDetails('call 0800 123 456 78 or see localhelp.org', { allow: { phones: ['0800 123 456 78'], domains: ['localhelp.org'] } }),
    ).toEqual([]);
  });

  it('distinguishes suicide, self-harm and immediate danger, typed with or without apostrophes', () => {
    expect(detectCrisis('I want to kill myself')).toEqual(['suicide']);
    expect(detectCrisis('me voy a matar')).toEqual(['suicide']);
    expect(detectCrisis('I keep cutting myself')).toEqual(['self_harm']);
    expect(detectCrisis('he is outside my door')).toEqual(['immediate_danger']);
    expect(detectCrisis('hes outside my house')).toEqual(['immediate_danger']);
  });
});

describe('detector cost', () => {
  // Crafted 4000-character messages once took over a second each (quadratic backtracking), stalling the node. They
  // take a few ms now; the bound is generous so that a busy machine does not fail it, a quadratic regression would.
  it('screens crafted worst-case messages of the maximum length in bounded time', () => {
    const crafted = [
      'a'.repeat(4000),
      'a.'.repeat(2000),
      'a@' + 'b.'.repeat(1999),
      '1-'.repeat(2000),
      'x at y dot '.repeat(363),
      '1 '.repeat(2000),
      'he '.repeat(1333),
      "i'm not ".repeat(500),
      '"a '.repeat(1333),
      "'a ".repeat(1333),
      'my snap is '.repeat(363),
      'kill myself. '.repeat(307),
    ];
    // Warm up first, as a running server is: a pattern's first run is interpreted, and that is not what is measured.
    for (const item of loadPart('train')) detect(item.text);
    for (const text of crafted) {
      const started = performance.now();
      detect(text);
      expect(performance.now() - started, `${text.slice(0, 12)}…`).toBeLessThan(500);
    }
  });
});
