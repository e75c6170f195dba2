// The audit log in words: action names and details as a person reads them, never raw codes ("message.held_back kinds: phone").
import type { AuditEntryView } from '@beside/shared';
import type { ModeratorMessages } from '../i18n/moderator.en';
import type { StaffMessages } from '../i18n/staff.en';

type Value = string | number | boolean | null;

/** "a phone number and an e-mail address" */
function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** fooBar and foo_bar read as "Foo bar": the last resort for a key the dictionary does not know. */
export function humanize(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function actionLabel(action: string, t: ModeratorMessages): string {
  return t.readable.audit.actions[action] ?? humanize(action);
}

const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Each detail as "Label: value" in words, with a sentence first where the action has one. */
export function describeDetails(entry: Pick<AuditEntryView, 'action' | 'details'>, t: ModeratorMessages, ts: StaffMessages): string[] {
  const a = t.readable.audit;
  const v = a.values;
  const details = entry.details;
  const codes = (value: Value) => (typeof value === 'string' && value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const out: string[] = [];
  const skip = new Set<string>();

  if (entry.action === 'message.held_back') {
    out.push(a.summary.heldBack(listOf(codes(details.kinds ?? null).map((k) => v.contact[k] ?? humanize(k)))));
    skip.add('kinds').add('reason');
  }
  if (entry.action === 'conversation.risk_raised') {
    const kinds = codes(details.kinds ?? null).map((k) => t.crisis[k as keyof typeof t.crisis] ?? humanize(k));
    out.push(kinds.length ? a.summary.riskRaised(listOf(kinds)) : a.summary.riskRaisedNoKinds);
    skip.add('kinds');
  }

  const word = (key: string, value: Value): string | undefined => {
    if (value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value ? v.yes : v.no;
    const text = String(value);
    switch (key) {
      case 'reason':
        return (
          (t.reasons as Record<string, string>)[text] ??
          v.loginFailure[text] ??
          v.observeReason[text] ??
          // A suspension's reason is the admin's own words.
          text
        );
      case 'kinds':
        return listOf(codes(value).map((k) => v.contact[k] ?? (t.crisis as Record<string, string>)[k] ?? humanize(k)));
      case 'method':
        return v.method[text] ?? humanize(text);
      case 'source':
        return v.source[text] ?? humanize(text);
      case 'severity':
        return t.severity[Number(text)] ?? text;
      case 'outcome':
        return (t.outcomes as Record<string, string>)[text] ?? humanize(text);
      case 'escalation':
        return v.escalation[text] ?? humanize(text);
      case 'purpose':
        return (t.purposes as Record<string, string>)[text] ?? humanize(text);
      case 'role':
      case 'from':
      case 'to':
        return a.roles[text] ?? (t.readable.audit.statusSuffix[text] !== undefined ? humanize(text) : text);
      case 'topics':
        return codes(value).map((x) => (ts.topics as Record<string, string>)[x] ?? humanize(x)).join(', ');
      case 'fields':
        return codes(value).map(humanize).join(', ').toLowerCase();
      case 'language':
        return (ts.languages as Record<string, string>)[text] ?? text;
      case 'kind':
        return v.kind[text] ?? text;
      case 'completedOn':
        return Number.isNaN(Date.parse(`${text}T12:00:00Z`)) ? text : dateOnly.format(new Date(`${text}T12:00:00Z`));
      case 'expiresAt':
        return Number.isNaN(Date.parse(text)) ? text : dateTime.format(new Date(text));
      case 'risk':
        return humanize(text).toLowerCase();
      default:
        return /Id$/.test(key) && text.length > 8 ? text.slice(0, 8) : text;
    }
  };

  for (const [key, value] of Object.entries(details)) {
    if (skip.has(key)) continue;
    const text = word(key, value);
    if (text === undefined) continue;
    out.push(`${a.keys[key] ?? humanize(key)}: ${text}`);
  }
  return out;
}
