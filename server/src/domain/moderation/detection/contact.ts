// Contact details by structure: phone numbers, e-mails, links, handles and requests to move off the platform.
// Rules, not a model: the shape of a number or an address decides, and every decision names the rule that fired.

// The contact kinds are part of the contract: a held-back message's error names them (ApiError.details.kinds).
import { CONTACT_KINDS, type ContactKind } from '@beside/shared';

export { CONTACT_KINDS, type ContactKind };

export interface ContactAllowlist {
  /** Digits only, e.g. '8006564673'. A leading country code 1 is also accepted. */
  phones: Iterable<string>;
  /** Bare domains, e.g. 'rainn.org'; subdomains are allowed too. */
  domains: Iterable<string>;
}

/** Well-known crisis and support lines, always allowed even before the resources table is read. */
export const DEFAULT_ALLOWLIST: ContactAllowlist = {
  phones: ['911', '988', '112', '999', '741741', '8006564673', '8007997233', '8006694000', '88788', '024', '016'],
  domains: [
    'rainn.org',
    '988lifeline.org',
    '988lineadevida.org',
    'thehotline.org',
    'loveisrespect.org',
    'crisistextline.org',
    'findahelpline.com',
    'eeoc.gov',
  ],
};

/** One reason a contact kind was found: the rule's name and the part of the (folded) text it matched. */
export interface ContactHit {
  kind: ContactKind;
  rule: string;
  match: string;
}

// ---------------------------------------------------------------------------------------------------------------
// De-obfuscation: "[at]", "(dot)", "kaybee88 @ gmail . com", "8o5 555 o1o9"

const PROVIDERS = 'gmail|googlemail|hotmail|yahoo|outlook|icloud|proton|protonmail|aol|gmx|yandex|zoho|ymail';
const TLDS =
  'com|net|org|io|me|co|ly|gg|app|info|biz|es|mx|ar|cl|pe|uk|us|ca|de|fr|it|link|xyz|tv|to|be|ai|dev|page|site|online|live|social|chat|cc|gl|am|art|blog|ee|gd|sh|fm|ws|ru|br|nl|au|nz|ie|edu|gov';
/** Top-level domains that are also words or end sentences typed without a space ("ok.me too", "fine.it was"). */
const WORDLIKE_TLDS = new Set(['me', 'co', 'to', 'be', 'it', 'am', 'us', 'es', 'sh', 'live', 'link', 'page', 'site', 'chat', 'social', 'online', 'app', 'info']);
/** Hosts that are contact details by themselves: a profile or a chat is one path away. */
const CONTACT_HOSTS = /^(t|wa|discord|bit|linktr|tinyurl|snapchat|instagram|facebook|fb|tiktok|twitter|x|onlyfans|telegram|kik|about|calendly|gofundme)$/;

const BRACKETED_AT = /\s{0,3}[[({<]\s{0,3}(?:at|arroba|@)\s{0,3}[\])}>]\s{0,3}/g;
const BRACKETED_DOT = /\s{0,3}[[({<]\s{0,3}(?:dot|punto|\.)\s{0,3}[\])}>]\s{0,3}/g;
/** "kaybee88 @ gmail.com": spaces around an at-sign only where a domain or a mail provider follows ("me @handle" stays). */
const SPACED_AT = new RegExp(String.raw`([a-z0-9._-]) ?@ ?(?=(${PROVIDERS})\b|[a-z0-9-]{1,63}\.[a-z]{2,})`, 'g');
const SPACED_DOT_TLD = new RegExp(String.raw`([a-z0-9]) \. ?(${TLDS})\b|([a-z0-9])\. (${TLDS})\b(?= ?[/@]|$| ?[,;!?])`, 'g');
/** A digit-heavy token with letters standing in for digits: o/O for 0, l/i for 1. */
const LETTER_DIGITS = /\b[\doil]{3,15}\b/g;

/** The text with common obfuscations undone; used by the contact rules only (crisis and abuse read the plain text). */
export function contactView(t: string): string {
  let v = t;
  if (v.includes('(') || v.includes('[') || v.includes('{') || v.includes('<')) {
    v = v.replace(BRACKETED_AT, '@').replace(BRACKETED_DOT, '.');
  }
  if (v.includes(' .') || v.includes('. ')) v = v.replace(SPACED_DOT_TLD, (m, a?: string, tld?: string, b?: string, tld2?: string) => (a ? `${a}.${tld}` : `${b}.${tld2}`));
  if (v.includes('@')) v = v.replace(SPACED_AT, '$1@');
  v = v.replace(LETTER_DIGITS, (token) => ((token.match(/\d/g)?.length ?? 0) >= 2 ? token.replace(/o/g, '0').replace(/[il]/g, '1') : token));
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Patterns. Every quantifier is bounded (labels ≤ 63, local parts ≤ 64, a few labels): a 4000-character message of
// crafted repetitions must not make a pattern scan quadratically and stall the node.

const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,5}\.[a-z]{2,24}/g;
/** "ben@proton", "lucy @ gmail": an at-sign and a mail provider, no top-level domain. */
const EMAIL_NO_TLD = new RegExp(String.raw`[a-z0-9._%+-]{2,64}@(${PROVIDERS})\b`);
const STOP_LOCAL =
  '(?!(?:me|him|her|them|us|it|you|u|im|work|worked|works|working|job|intern|interned|home|school|night|first|least|last|all|once|times|the|a|an|my|his|lunch|dinner|look|looked|laughed|yelled)\\b)';
/** "jmartinez at gmail dot com", "sofi_22 arroba hotmail punto com", "danny dot morales at gmail". */
const SPELLED_EMAIL = new RegExp(
  String.raw`\b${STOP_LOCAL}[a-z0-9._-]{2,64}( (dot|punto) [a-z0-9_-]{1,30})? (at|arroba) [a-z0-9-]{2,30} (dot|punto) (${TLDS})\b`,
);
/** "robinwaters at gmail", "tiff_ny at icloud", "carla.r arroba gmail": a mail provider needs no domain. */
const PROVIDER_EMAIL = new RegExp(String.raw`\b${STOP_LOCAL}[a-z0-9._-]{2,64}( (dot|punto) [a-z0-9_-]{1,30})? (at|arroba) (${PROVIDERS})\b`);
/** "soy mariana.j en gmail", "i'm amy.fletch on gmail": a handle-like name (digit, dot or underscore) on a provider. */
const HANDLE_ON_PROVIDER = new RegExp(String.raw`\b[a-z0-9_-]{0,40}[0-9._][a-z0-9._-]{0,40}[a-z0-9] (on|en|in) (${PROVIDERS})\b`);
/** "my gmail is anna.pike22", "i'm on gmail, amy.fletch", "mi correo es carla.r …", "email: robin_w". */
const EMAIL_MENTION = new RegExp(
  String.raw`\b(my|mi|on|en) (e-?mail|gmail|hotmail|outlook|yahoo|icloud|proton|correo)( address| account| personal)?( is| es|:|,| -)? ?(its |it's |es )?[a-z0-9][a-z0-9_-]{0,40}([0-9_]|\.[a-z0-9])[a-z0-9._-]{0,40}`,
);

const URL_SCHEME = /\bhttps?:\/\/[^\s]{1,2000}|\bwww\.[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,5}/g;
const BARE_DOMAIN = new RegExp(String.raw`\b([a-z0-9][a-z0-9-]{0,62}\.){1,5}(${TLDS})\b(\/[^\s]{0,2000})?`, 'g');
const OBFUSCATED_DOMAIN = new RegExp(String.raw`\b[a-z0-9-]{3,63} (dot|punto) (${TLDS})\b`);
/** "t . me / robin", "discord . gg/abc": a contact host with spaces around its dot. */
const SPACED_CONTACT_HOST = /\b(t|wa|discord|bit|linktr) ?\. ?(me|gg|ly|ee) ?\/ ?[a-z0-9_+]/;

/** Platforms named by a word that means nothing else. */
const PLATFORMS_STRICT =
  'insta|instagram|ig|snap|snapchat|tiktok|tik tok|twitter|discord|telegram|whatsapp|whats app|kik|facebook|fb|messenger|reddit|wechat|skype|bluesky|onlyfans|facetime|viber';
/** Also the ones that are common words too ("line", "face", "signal"): only where the sentence is about contact. */
const PLATFORMS = `${PLATFORMS_STRICT}|whats|wsp|wa|tg|sc|face|signal|line|threads|teams|tinder|hinge|bumble`;
const HANDLE = /(^|[\s(:,])@[a-z0-9_.]{3,30}\b/;
const REDDIT_USER = /(^|\s)u\/[a-z0-9_-]{3,20}\b/;
/** Words that follow "my insta is" without being a handle ("my insta is private"). */
const NOT_A_HANDLE = new Set(
  ('private public down dead gone deleted new old locked hacked blocked full empty same different banned broken closed open fine ' +
    'there here mine his hers theirs hidden suspended off on the a an my your not just only also still really so too very ' +
    'under over where what how why when who because and but or if that this with without for from about like easier ' +
    'better safer viral toxic fake real annoying everything nothing gone back active inactive ok okay weird creepy scary ' +
    'bad good great awful terrible slow quiet free him her them me you it private mostly always never').split(' '),
);
/** A platform, a few words, then "is / : / as / soy / it's" and the name: "add me on snap its dani_b99". */
const PLATFORM_THEN_NAME = new RegExp(
  String.raw`\b(my |mi )?(${PLATFORMS_STRICT})\b[^.!?\n]{0,24}?(\bis|\bes|:|=| -|\bsoy|\bas|\bcomo|\bit'?s|\bits|\bi'?m|\bim|\buser(?:name)?|\bhandle|\busuario|\bid)\s{0,2}(@?)([a-z0-9_.#-]{3,30})`,
  'g',
);
/** "insta @chloe_bakes_", "ig jamie_lee.photos", "snapchat hannahbananaa3": a platform and a handle-shaped name. */
const PLATFORM_HANDLE = new RegExp(String.raw`\b(${PLATFORMS_STRICT}|whats|wsp) ?[:=-]? ?@?([a-z0-9_.]{0,30}[0-9_][a-z0-9_.]{0,30}|[a-z0-9_]{1,30}\.[a-z0-9_.]{1,30})\b`, 'g');
/** "follow my private account nora.private", "same username: peachyk" */
const ACCOUNT_NAME = /\b(my|mi|same) (private |main |spam |other |new )?(account|handle|username|user name|usuario|cuenta|user)( is| es|:| -)? ?(@?)([a-z0-9_.]{3,30})/g;

const MOVE_VERBS = 'add|follow|dm|message|msg|text|call|ring|find|search|hit|contact|reach|ping|friend|look|snap|whatsapp|facetime';
const PLATFORM_INVITE = new RegExp(
  String.raw`\b(${MOVE_VERBS}) me( up)? (on|at|via|through|en|por|in) (${PLATFORMS}|my (cell|phone|mobile|number|personal (number|phone|email|e-mail)))\b|\b(agregame|agregarme|sigueme|escribeme|llamame|mandame (un )?(mensaje|whats|wsp)|buscame|hablame) (en|por|al) (${PLATFORMS}|mi (celular|cel|numero|telefono|correo))\b`,
);
const CONTACT_NOUNS = String.raw`(phone|cell|cellphone|mobile|number|num|digits|phone number|cell number|e-?mail|email address|address|real name|full name|last name|surname|${PLATFORMS}|socials?|handle|username|user name|contact|contact info|personal (email|number|phone|contact)|private (email|number))`;
const CONTACT_NOUNS_ES = String.raw`(numero|telefono|celular|cel|movil|correo|email|mail|direccion|nombre completo|nombre real|apellido|usuario|contacto|${PLATFORMS})`;
/** Asking for the other person's details: "what's ur snap", "can i get your cell", "me pasas tu número". */
const ASK_FOR_DETAILS = new RegExp(
  String.raw`\b(what'?s|what is|whats|wats|wuts|give me|gimme|can i (have|get)|could i (have|get)|may i (have|get)|send me|tell me|share|drop|i need|i want|let me (have|get)) (your|ur|yr|you'?re) (own |real |personal |private |actual )?${CONTACT_NOUNS}\b|\b(cual es|cuál es|dame|pasame|me pasas|me das|me dejas|me compartes|mandame|quiero|necesito) (tu|su) ${CONTACT_NOUNS_ES}\b|\b(what'?s|what is|whats) (your|ur) (name|username|user) (on|in) (${PLATFORMS})\b|\bcomo te llamas (de verdad|en realidad|realmente)\b|\bcan i have your contact\b`,
);
/** "do u have discord", "are you on insta", "u got snap?", "¿tienes whatsapp?", "usas telegram?" */
const DO_YOU_HAVE_PLATFORM = new RegExp(
  String.raw`\b(do|did|d) (you|u|ya) (have|use|got|still use|still have)( an?)? (${PLATFORMS})\b(?! (server|group|channel|page|community|account for|for|with))|(^|[.!?,;] ?|\b(and|so|hey|btw|also|oh|ok|okay|wait) )(you|u|ya) (got|have|on|use) (${PLATFORMS})\b|\b(are|r) (you|u) on (${PLATFORMS})\b|\b(tienes|tenes|usas|estas en|andas en) (${PLATFORMS})\b(?! (de|para|del))|\bdo (you|u) have an? (number|phone|cell|email|personal email) (i|that i) can\b`,
);
/** Moving the conversation elsewhere: "can we talk on telegram", "podemos hablar por whatsapp", "meet irl". */
const MOVE_ELSEWHERE = new RegExp(
  String.raw`\b(can|could|should|shall) we (talk|chat|move|continue|speak|text|switch|video call|call|keep talking|go)( this)? (on|over|via|through|to) (${PLATFORMS}|text|texting|the phone|phone|facetime|another app|a different app)\b|\b(can|could|should|shall) we (talk|chat|continue|speak|text|move)( this)? (outside|off|somewhere else|elsewhere)\b|\b(meet|meet up|see each other|hang out|get coffee) (in person|irl|in real life)\b|\bwe should (meet|hang out)( up)?( irl| in person)?\b|\b(nos (vemos|podemos ver|juntamos)|vernos|conocerte|quedamos|conocernos) en persona\b|\b(podemos|podriamos|quieres) (hablar|seguir hablando|platicar|escribirnos)( mejor)? (por|en) (${PLATFORMS}|telefono|mensajes?)\b|\b(a way|somewhere|anywhere) (to|i can) (message|contact|reach|text|talk to|find) (you|u)( directly| outside| online| off)?\b|\bwhere can i find (you|u)( online| outside)\b|\blook me up\b`,
);
/** "can i add you on facebook", "can i call you instead", "can you text me", "can u dm me", "te puedo agregar". */
const ASK_TO_CONNECT = new RegExp(
  String.raw`\b(can|could|may) i (add|follow|friend|message|msg|text|call|ring|dm|facetime|email|snap|find) (you|u)\b(?! (here|on here|on this|again|back here|tomorrow))|\b(can|could|would|will) (you|u) (text|call|ring|dm|email|e-mail|message|whatsapp|snap|add|follow) me\b(?! (here|on here|back here|again here))|^add me( pls| please| plz)?[.!? ]*$|\bte puedo (agregar|seguir|llamar|escribir)\b`,
);

const NUMBER_WORDS =
  'zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve';
const SPELLED_PHONE = new RegExp(String.raw`\b((${NUMBER_WORDS})[\s,.-]{1,3}){6,14}(${NUMBER_WORDS})\b`);
/** Number words mixed with short digit groups ("6 one 2 three…"), to slip past both checks: two words at least. */
const MIXED_PHONE = new RegExp(String.raw`\b((${NUMBER_WORDS}|\d{1,3})[\s,.-]{1,3}){3,14}(${NUMBER_WORDS}|\d{1,3})\b`, 'g');
const NUMBER_WORD = new RegExp(String.raw`\b(${NUMBER_WORDS})\b`, 'g');
/** Digits with any separators between them: spaces, dots, dashes, brackets, slashes, underscores, stars, pipes. */
const DIGIT_RUN = /(?:\+|\b00)?\(?\d[\d\s()./_*|~-]{5,30}\d\b/g;
const CURRENCY_BEFORE = /[$€£¥]\s*$|\b(usd|eur|mxn)\s*$/;
const CURRENCY_AFTER = /^\s*(euros?|dollars?|pesos?|usd|eur|mxn|bucks|k\b|dolares|libras)/;
/** "the police report number is 2023-00456": a reference, not a way to reach someone. */
const REFERENCE_BEFORE =
  /\b(case|report|reference|ref|incident|ticket|claim|file|order|tracking|badge|policy|confirmation|complaint|student|employee|id|expediente|denuncia|folio|carpeta)( id| number| no| num| #| numero| de investigacion)?\.?( is| was| es|:)? ?(the )?(number )?$/;

/** How many digits a run of number words and short digit groups stands for ("oh seven 00" is four). */
function spelledDigits(run: string): number {
  return run.split(/[\s,.-]+/).reduce((n, token) => n + (/^\d+$/.test(token) ? token.length : token ? 1 : 0), 0);
}

function looksLikePhone(run: string, before: string, after: string, allowedPhones: Set<string>): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after) || REFERENCE_BEFORE.test(before)) return false;
  const trimmed = run.trim();
  // dates: 12-05-2023, 2023.05.12, 12 05 2023, 12/05/2023
  if (/^\d{1,2}[\s./-]\d{1,2}[\s./-](\d{2}|\d{4})$/.test(trimmed) || /^\d{4}[\s./-]\d{1,2}[\s./-]\d{1,2}$/.test(trimmed)) return false;
  const groups = trimmed.split(/[\s./()_*|~-]+/).filter(Boolean);
  // lists of years (2019 2020 2021) and year ranges (2017-2019)
  if (groups.length > 1 && groups.every((g) => /^(19|20)\d\d$/.test(g))) return false;
  if (allowedPhones.has(digits) || (digits.startsWith('1') && allowedPhones.has(digits.slice(1)))) return false;
  return true;
}

function allowedDomain(host: string, domains: Set<string>): boolean {
  const h = host.replace(/^www\./, '');
  for (const d of domains) if (h === d || h.endsWith('.' + d)) return true;
  return false;
}

function hostOf(link: string): string {
  return link
    .replace(/^https?:\/\//, '')
    .split(/[/?#:]/)[0]!
    .replace(/[.,;!?)]+$/, '');
}

/** A bare "name.tld" is a link unless its top-level domain is also a word and nothing else says it is an address. */
function isLink(match: string, path: string | undefined): boolean {
  const host = hostOf(match);
  const labels = host.split('.');
  const tld = labels[labels.length - 1]!;
  if (!WORDLIKE_TLDS.has(tld)) return true;
  if (path && path.length > 1) return true;
  return labels.length > 2 || CONTACT_HOSTS.test(labels[0]!) || /[0-9-]/.test(labels[0]!);
}

export interface AllowSets {
  phones: Set<string>;
  domains: Set<string>;
}

const DEFAULT_ALLOW_SETS = allowSetsOf(undefined);
/** The allowlist as sets, built once per allowlist object (the screening caches its allowlist for a while). */
const allowSetCache = new WeakMap<ContactAllowlist, AllowSets>();

function allowSetsOf(allow: ContactAllowlist | undefined): AllowSets {
  return {
    phones: new Set([...DEFAULT_ALLOWLIST.phones, ...(allow?.phones ?? [])].map((p) => p.replace(/\D/g, ''))),
    domains: new Set([...DEFAULT_ALLOWLIST.domains, ...(allow?.domains ?? [])].map((d) => d.toLowerCase())),
  };
}

export function cachedAllowSets(allow: ContactAllowlist | undefined): AllowSets {
  if (!allow) return DEFAULT_ALLOW_SETS;
  let sets = allowSetCache.get(allow);
  if (!sets) {
    sets = allowSetsOf(allow);
    allowSetCache.set(allow, sets);
  }
  return sets;
}

function plausibleHandle(name: string, rest: string, structured: boolean): boolean {
  const n = name.replace(/[.#-]+$/, '');
  if (n.length < 3 || NOT_A_HANDLE.has(n)) return false;
  if (/[0-9_#]/.test(n) || /[a-z0-9]\.[a-z0-9]/.test(n)) return true;
  // A plain word is a handle only where the sentence is structured like one ("discord - lunarmoth", "my snap is
  // kelsey") and the clause ends after it; "whatsapp is easier" is not.
  return structured && /^\s*($|[,;!?)]|\.(\s|$)|(if|pls|please|lol|x+|dm me|add me|message me|text me|hmu)\b)/.test(rest);
}

/** Every contact detail in already normalised text, each with the rule that found it. */
/** A mail provider, a platform, a number word: one test each, so that rules that cannot match are not run. */
const ANY_PROVIDER = new RegExp(String.raw`(${PROVIDERS})`);
const ANY_PLATFORM = new RegExp(String.raw`\b(${PLATFORMS})\b`);
const SECOND_PERSON_OWNER = /\b(your|ur|yr|you'?re|tu|su)\b|como te llamas|can i have your/;
const MOVING_WORDS = / we |^we |\bnos |meet|vernos|conocer|quedamos|podemos|podriamos|quieres|a way|somewhere|anywhere|find (you|u)|look me up/;
const CONNECT_WORDS = /\b(add|follow|friend|message|msg|text|call|ring|dm|facetime|email|e-mail|snap|find|whatsapp)\b.{0,12}\b(you|u|me)\b|^add me|te puedo/;
const CONTACT_NOUN = /number|phone|cell|mobile|digit|\bnum\b|mail|address|name|handle|user|contact|social|numero|telefono|celular|\bcel\b|movil|correo|direccion|nombre|apellido|usuario|contacto|llamas/;
const NUMBER_WORD_GLOBAL = new RegExp(String.raw`\b(${NUMBER_WORDS})\b`, 'g');

/** At least two number words: fewer cannot spell out a phone number, so the number-word rules need not run. */
function twoNumberWords(t: string): boolean {
  NUMBER_WORD_GLOBAL.lastIndex = 0;
  return NUMBER_WORD_GLOBAL.exec(t) !== null && NUMBER_WORD_GLOBAL.exec(t) !== null;
}

/**
 * Every contact detail in already normalised text, each with the rule that found it. `gated: false` runs every
 * rule whatever the text holds, for the test that checks the gates never hide a match.
 */
export function contactHits(normalised: string, allow: AllowSets, all = false, gated = true): ContactHit[] {
  const hits: ContactHit[] = [];
  const found = new Set<ContactKind>();
  const add = (kind: ContactKind, rule: string, match: string) => {
    if (!all && found.has(kind)) return;
    found.add(kind);
    hits.push({ kind, rule, match });
  };
  let t = contactView(normalised);

  if (t.includes('@')) {
    for (const m of t.matchAll(EMAIL)) {
      const domain = m[0].split('@')[1] ?? '';
      if (!allowedDomain(domain, allow.domains)) add('email', 'email address', m[0]);
    }
    t = t.replace(EMAIL, ' ');
    const m = EMAIL_NO_TLD.exec(t);
    if (m) add('email', 'e-mail without a domain', m[0]);
  }
  const spelledAt = !gated || t.includes(' at ') || t.includes(' arroba ');
  const provider = !gated || ANY_PROVIDER.test(t);
  const mailWord = provider || t.includes('mail') || t.includes('correo');
  for (const [rule, re, open] of [
    ['e-mail spelled out', SPELLED_EMAIL, spelledAt],
    ['e-mail at a provider', PROVIDER_EMAIL, spelledAt && provider],
    ['name on a mail provider', HANDLE_ON_PROVIDER, provider],
    ['e-mail named', EMAIL_MENTION, mailWord],
  ] as const) {
    if (!open) continue;
    const m = re.exec(t);
    if (m) add('email', rule, m[0]);
  }

  if (!gated || t.includes('http') || t.includes('www.')) {
    for (const m of t.matchAll(URL_SCHEME)) if (!allowedDomain(hostOf(m[0]), allow.domains)) add('link', 'web address', m[0]);
    t = t.replace(URL_SCHEME, ' ');
  }
  if (!gated || /\.[a-z]/.test(t)) {
    for (const m of t.matchAll(BARE_DOMAIN)) {
      if (!allowedDomain(hostOf(m[0]), allow.domains) && isLink(m[0], m[3])) add('link', 'domain name', m[0]);
    }
    t = t.replace(BARE_DOMAIN, (m, _label, _tld, path?: string) => (isLink(m, path) ? ' ' : m));
  }
  for (const [rule, re, open] of [
    ['domain spelled out', OBFUSCATED_DOMAIN, !gated || t.includes(' dot ') || t.includes(' punto ')],
    ['contact host with spaces', SPACED_CONTACT_HOST, !gated || t.includes('.')],
  ] as const) {
    if (!open) continue;
    const m = re.exec(t);
    if (m && !allowedDomain(m[0].replace(/ (dot|punto) /, '.').replace(/\s/g, ''), allow.domains)) add('link', rule, m[0]);
  }

  for (const [rule, re, open] of [
    ['@handle', HANDLE, !gated || t.includes('@')],
    ['reddit user', REDDIT_USER, !gated || t.includes('u/')],
  ] as const) {
    if (!open) continue;
    const m = re.exec(t);
    if (m) add('social_handle', rule, m[0].trim());
  }
  const platform = !gated || ANY_PLATFORM.test(t);
  const account = !gated || /account|handle|user|usuario|cuenta/.test(t);
  for (const [rule, re, possessiveAt, separatorAt, atAt, nameAt, open] of [
    ['platform and name', PLATFORM_THEN_NAME, 1, 3, 4, 5, platform],
    ['account name', ACCOUNT_NAME, 1, 4, 5, 6, account],
  ] as const) {
    if (!open) continue;
    for (const m of t.matchAll(re)) {
      const end = (m.index ?? 0) + m[0].length;
      const structured = !!m[atAt] || /[:=-]/.test(m[separatorAt] ?? '') || !!m[possessiveAt];
      if (plausibleHandle(m[nameAt]!, t.slice(end, end + 16), structured)) add('social_handle', rule, m[0]);
    }
  }
  if (platform) for (const m of t.matchAll(PLATFORM_HANDLE)) if (m[2]!.replace(/[._]+$/, '').length >= 3 && /[a-z]/.test(m[2]!)) add('social_handle', 'platform and handle', m[0]);

  for (const [rule, re, open] of [
    ['invitation to another platform', PLATFORM_INVITE, platform || !gated || /\bmy (cell|phone|mobile|number|personal)|\bmi (celular|cel|numero|telefono|correo)/.test(t)],
    ['asking for details', ASK_FOR_DETAILS, !gated || (SECOND_PERSON_OWNER.test(t) && (platform || CONTACT_NOUN.test(t)))],
    ['asking about a platform', DO_YOU_HAVE_PLATFORM, platform || !gated || t.includes(' have a')],
    ['moving the chat elsewhere', MOVE_ELSEWHERE, !gated || MOVING_WORDS.test(t)],
    ['asking to connect', ASK_TO_CONNECT, !gated || CONNECT_WORDS.test(t)],
  ] as const) {
    if (!open) continue;
    const m = re.exec(t);
    if (m) add('request', rule, m[0]);
  }

  const digits = !gated || /\d/.test(t);
  if (digits) for (const m of t.matchAll(DIGIT_RUN)) {
    const start = m.index ?? 0;
    if (looksLikePhone(m[0], t.slice(Math.max(0, start - 40), start), t.slice(start + m[0].length, start + m[0].length + 10), allow.phones)) {
      add('phone', 'phone number', m[0].trim());
      if (!all) break;
    }
  }
  if (gated && !twoNumberWords(t)) return hits;
  const spelled = SPELLED_PHONE.exec(t);
  if (spelled) add('phone', 'number spelled out', spelled[0]);
  for (const m of t.matchAll(MIXED_PHONE)) {
    if (spelledDigits(m[0]) >= 7 && (m[0].match(NUMBER_WORD)?.length ?? 0) >= 2) add('phone', 'digits and number words', m[0]);
  }
  return hits;
}

export function contactKinds(hits: ContactHit[]): ContactKind[] {
  return CONTACT_KINDS.filter((k) => hits.some((h) => h.kind === k));
}
