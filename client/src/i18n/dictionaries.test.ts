// Every code the server sends has words in every dictionary whose reader sees it, so no code ships untranslated.
import { describe, expect, it } from 'vitest';
import {
  CONTACT_KINDS,
  ERROR_REASONS,
  LANGUAGES,
  MESSAGE_REFUSAL_REASONS,
  RISK_STEP_CODES,
  SAFETY_NOTICE_KINDS,
  SYSTEM_LINE_CODES,
  type ApiErrorDetails,
  type ErrorReason,
} from '@beside/shared';
import type { RefusalWords, SystemLineWords } from './codes';
import { en } from './en';
import { es } from './es';
import { moderatorEn } from './moderator.en';
import { staffEn } from './staff.en';

/** The survivor page in each of its languages; staff surfaces are English only for now. */
const survivor = { en, es };

/** Sample details for each reason, so that each wording can be called. */
const SAMPLE_DETAILS: { [R in ErrorReason]: Extract<ApiErrorDetails, { reason: R }> } = {
  contact_details: { reason: 'contact_details', kinds: [...CONTACT_KINDS] },
  under_review: { reason: 'under_review', retentionHours: 72 },
  imminent_unacknowledged: { reason: 'imminent_unacknowledged' },
};

function expectWords(text: unknown, what: string): void {
  expect(typeof text, what).toBe('string');
  expect((text as string).trim().length, what).toBeGreaterThan(0);
}

function expectSystemLines(words: SystemLineWords, dictionary: string): void {
  for (const code of SYSTEM_LINE_CODES) {
    const word = (words as Partial<SystemLineWords>)[code];
    expect(typeof word, `${dictionary}: system line ${code}`).toBe('function');
    expectWords(word?.({}), `${dictionary}: system line ${code}`);
  }
}

function expectRefusals(words: RefusalWords, contactKinds: Record<string, string>, dictionary: string): void {
  for (const reason of MESSAGE_REFUSAL_REASONS) {
    const word = (words as Partial<Record<ErrorReason, (d: ApiErrorDetails) => string>>)[reason];
    expect(typeof word, `${dictionary}: refusal ${reason}`).toBe('function');
    const text = word?.(SAMPLE_DETAILS[reason]);
    expectWords(text, `${dictionary}: refusal ${reason}`);
    // Every kind found is named in the explanation, never as its code.
    for (const kind of CONTACT_KINDS) expect(text, `${dictionary}: ${kind}`).toContain(contactKinds[kind]);
  }
  for (const kind of CONTACT_KINDS) expectWords(contactKinds[kind], `${dictionary}: contact kind ${kind}`);
}

describe('the dictionaries', () => {
  it('give every language of the survivor page a dictionary', () => {
    expect(Object.keys(survivor).sort()).toEqual([...LANGUAGES].sort());
  });

  it('word every system line for the survivor (each language), the volunteer and the moderator', () => {
    for (const [language, t] of Object.entries(survivor)) expectSystemLines(t.chat.systemLines, `survivor ${language}`);
    expectSystemLines(staffEn.chat.systemLines, 'volunteer console');
    expectSystemLines(moderatorEn.transcript.systemLines, 'moderator console');
  });

  it('word every safety note for the survivor, in each language', () => {
    for (const [language, t] of Object.entries(survivor)) {
      for (const kind of SAFETY_NOTICE_KINDS) expectWords((t.safetyNotices as Record<string, unknown>)[kind], `survivor ${language}: safety note ${kind}`);
    }
  });

  it('word every step of the risk protocol for the volunteer', () => {
    for (const step of RISK_STEP_CODES) expectWords((staffEn.tools.risk.steps as Record<string, unknown>)[step], `risk step ${step}`);
  });

  it('explain every refusal to the volunteer and to a supervisor who took a chat over', () => {
    expectRefusals(staffEn.chat.refusals, staffEn.chat.contactKinds, 'volunteer console');
    expectRefusals(moderatorEn.supervision.refusals, moderatorEn.supervision.contactKinds, 'moderator console');
  });

  it('explain to the survivor, in each language, why a conversation under review cannot be deleted yet', () => {
    expect(ERROR_REASONS.filter((r) => !(MESSAGE_REFUSAL_REASONS as readonly string[]).includes(r))).toEqual(['under_review', 'imminent_unacknowledged']);
    for (const [language, t] of Object.entries(survivor)) {
      const text = t.chat.deleteUnderReview(SAMPLE_DETAILS.under_review.retentionHours);
      expectWords(text, `survivor ${language}: under review`);
      expect(text, language).toContain('72');
    }
  });

  it('label a shared resource’s ways to reach it for every reader', () => {
    const readers = { 'survivor en': en.resources, 'survivor es': es.resources, 'volunteer console': staffEn.chat.resource };
    for (const [who, labels] of Object.entries(readers)) {
      expectWords(labels.call('800-799-7233'), `${who}: call`);
      expect(labels.call('800-799-7233'), who).toContain('800-799-7233');
      expect(labels.text('START', '88788'), who).toMatch(/START.*88788/);
      expectWords(labels.website, `${who}: website`);
      expectWords(labels.chat, `${who}: chat`);
    }
  });
});
