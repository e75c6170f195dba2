// Numbers and sites of the help directory, linked wherever they appear in a message: tel:, sms: (with the keyword), https.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Resource, ResourcesResponse } from '@beside/shared';
import { getJson } from './api';

/** Something in a message that can be tapped: a phone number to call, a number to text, or a site. */
export interface KnownContact {
  /** For numbers: the digits, without a leading country code 1. For sites: the host name, lower-case, without www. */
  key: string;
  kind: 'number' | 'site';
  href: string;
}

type Ways = Pick<Resource, 'phone' | 'smsNumber' | 'smsKeyword' | 'url' | 'chatUrl'>;

const national = (digits: string) => (digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits);
const digitsOf = (text: string) => national(text.replace(/\D/g, ''));

/** The lines every survivor may need, known even before the directory has loaded (or when it cannot be). */
const ALWAYS: KnownContact[] = [
  { key: '911', kind: 'number', href: 'tel:911' },
  { key: '988', kind: 'number', href: 'tel:988' },
];

function webHref(url: string | undefined): { host: string; href: string } | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    return { host: u.hostname.toLowerCase().replace(/^www\./, ''), href: u.href };
  } catch {
    return undefined;
  }
}

/** What of a directory can be linked in text: its phone numbers (tel:), its texting numbers (sms:), its sites. */
export function contactsFrom(resources: readonly Ways[]): KnownContact[] {
  const byKey = new Map<string, KnownContact>(ALWAYS.map((c) => [c.key, c]));
  for (const r of resources) {
    if (r.phone) {
      const d = digitsOf(r.phone);
      if (d.length >= 3) byKey.set(d, { key: d, kind: 'number', href: `tel:${r.phone.replace(/[^\d+]/g, '')}` });
    }
    if (r.smsNumber) {
      const d = digitsOf(r.smsNumber);
      // A number that is also a phone line stays a call (988 takes both): calling is the first thing to offer.
      if (d.length >= 3 && !byKey.has(d)) {
        byKey.set(d, { key: d, kind: 'number', href: `sms:${r.smsNumber.replace(/[^\d+]/g, '')}${r.smsKeyword ? `?&body=${encodeURIComponent(r.smsKeyword)}` : ''}` });
      }
    }
    for (const url of [r.url, r.chatUrl]) {
      const web = webHref(url);
      if (web && !byKey.has(web.host)) byKey.set(web.host, { key: web.host, kind: 'site', href: web.href });
    }
  }
  return [...byKey.values()];
}

export type Segment = string | { text: string; href: string };

/** Phone-like runs of digits ("988", "800-656-4673", "(800) 656-4673", "+1 800 656 4673") and host names. */
const CANDIDATES = /(\+?\d[\d ().-]{1,18}\d|\b\d{3,}\b)|\b((?:[a-z0-9-]+\.)+[a-z]{2,})(\/[^\s]*)?/gi;

/** Splits text into plain parts and the directory's numbers and sites as links; anything else stays text. */
export function linkSegments(text: string, contacts: readonly KnownContact[]): Segment[] {
  if (contacts.length === 0 || !/[\d.]/.test(text)) return [text];
  const numbers = new Map(contacts.filter((c) => c.kind === 'number').map((c) => [c.key, c.href]));
  const sites = new Map(contacts.filter((c) => c.kind === 'site').map((c) => [c.key, c.href]));
  const out: Segment[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATES)) {
    const at = match.index;
    const whole = match[0];
    let href: string | undefined;
    let shown = whole;
    if (match[1]) {
      // Trailing punctuation of a sentence is not part of the number.
      shown = whole.replace(/[ .()-]+$/, '');
      href = numbers.get(digitsOf(shown));
    } else if (match[2]) {
      const host = match[2].toLowerCase().replace(/^www\./, '');
      href = sites.get(host);
      if (href && match[3]) shown = match[2]; // a path the directory does not know is not linked
    }
    if (!href) continue;
    if (at > last) out.push(text.slice(last, at));
    out.push({ text: shown, href });
    last = at + shown.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out.length > 0 ? out : [text];
}

const DirectoryContext = createContext<readonly KnownContact[]>(ALWAYS);

export function DirectoryLinks(props: { contacts: readonly KnownContact[]; children: ReactNode }) {
  return <DirectoryContext.Provider value={props.contacts}>{props.children}</DirectoryContext.Provider>;
}

/** A message body with the directory's numbers and sites tappable. */
export function LinkedText(props: { text: string }) {
  const contacts = useContext(DirectoryContext);
  const segments = linkSegments(props.text, contacts);
  return (
    <>
      {segments.map((s, i) =>
        typeof s === 'string' ? (
          s
        ) : (
          <a
            // The segments of one text never change order while it is shown.
            key={i}
            href={s.href}
            className="msg__link"
            {...(s.href.startsWith('http') ? { target: '_blank', rel: 'noopener noreferrer' } : {})}
          >
            {s.text}
          </a>
        ),
      )}
    </>
  );
}

const loaded = new Map<string, Promise<Resource[]>>();

/** The public directory in these languages (GET /api/resources), as linkable contacts; the built-in lines until it answers. */
export function useDirectoryContacts(languages: readonly string[]): KnownContact[] {
  const key = [...languages].sort().join(',');
  const [contacts, setContacts] = useState<KnownContact[]>(ALWAYS);
  useEffect(() => {
    let cancelled = false;
    const langs = key ? key.split(',') : [];
    Promise.all(
      langs.map((lang) => {
        let p = loaded.get(lang);
        if (!p) {
          p = getJson<ResourcesResponse>(`/api/resources?lang=${lang}`).then((r) => r.resources);
          p.catch(() => loaded.delete(lang));
          loaded.set(lang, p);
        }
        return p.catch(() => [] as Resource[]);
      }),
    ).then(
      (lists) => !cancelled && setContacts(contactsFrom(lists.flat())),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [key]);
  return contacts;
}
