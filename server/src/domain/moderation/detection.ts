// Deterministic message screening: crisis language, contact details and abuse aimed at the volunteer (English, Spanish).
//
// Rules where structure decides (phone numbers, e-mails, links, handles, and the clearest crisis and abuse
// phrasings), a linear model over word and character n-grams for the crisis and abuse language nobody wrote a rule
// for, and guards (quotation, reported speech, the past with recovery stated, denial, accidents) around both. The
// model is trained from the corpus in screening-corpus/ by `npm run train:screening` and ships as data; nothing is
// fetched at run time. The same text always gives the same answer, and `explain` says which rule or which
// strongest features decided. Figures on the sealed test part: see screening-corpus/sealed.json.
import { ABUSE_KINDS, type AbuseKind } from './detection/abuseRules.js';
import { CONTACT_KINDS, DEFAULT_ALLOWLIST, type ContactAllowlist, type ContactKind } from './detection/contact.js';
import { CRISIS_KINDS, type CrisisKind } from './detection/crisisRules.js';
import { LinearModel, type ModelData } from './detection/model.js';
import { screenNormalised, type Detection, type DetectOptions, type Explanation } from './detection/screen.js';
import { normalise } from './detection/text.js';
import modelData from './detection/screening-model.json' with { type: 'json' };

export { ABUSE_KINDS, CONTACT_KINDS, CRISIS_KINDS, DEFAULT_ALLOWLIST, normalise };
export type { AbuseKind, ContactAllowlist, ContactKind, CrisisKind, Detection, DetectOptions, Explanation };
export type { Reason } from './detection/screen.js';

/** The shipped model, read once at start. */
export const screeningModel = new LinearModel(modelData as ModelData);

export function detect(text: string, options: DetectOptions = {}): Detection {
  return screenNormalised(normalise(text), options, screeningModel, false).detection;
}

export function detectCrisis(text: string): CrisisKind[] {
  return detect(text).crisis;
}

export function detectContactDetails(text: string, options: DetectOptions = {}): ContactKind[] {
  return screenNormalised(normalise(text), options, screeningModel, false).detection.contact;
}

/**
 * The same decision as `detect`, with its reasons: each rule that fired and what it matched, the model's probability
 * and strongest features for each kind it found, and the guards that held or dropped a kind. For a moderator's eyes
 * and for tuning; never for logs (it quotes the message).
 */
export function explain(text: string, options: DetectOptions = {}): Explanation {
  return screenNormalised(normalise(text), options, screeningModel, true);
}
