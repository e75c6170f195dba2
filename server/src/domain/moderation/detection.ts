// Deterministic message screening: crisis language, contact details and abuse aimed at the volunteer (English, Spanish).
//
// Pattern lists, not a model: every decision can be explained by the pattern that fired, the same text always
// gives the same answer, and the corpus in detection-corpus.json measures precision and recall in the tests.

// The contact kinds are part of the contract: a held-back message's error names them (ApiError.details.kinds).
import { CONTACT_KINDS, type ContactKind } from '@beside/shared';

export const CRISIS_KINDS = ['suicide', 'self_harm', 'immediate_danger'] as const;
export type CrisisKind = (typeof CRISIS_KINDS)[number];
export const ABUSE_KINDS = ['abusive', 'sexual'] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];

export interface Detection {
  crisis: CrisisKind[];
  contact: ContactKind[];
  abuse: AbuseKind[];
}

export interface DetectOptions {
  /** Phone numbers (any formatting) and domains that are support resources, never a personal contact. */
  allow?: ContactAllowlist;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Normalisation

/** Lower case, accents removed, typographic quotes straightened, compatibility forms folded (fullwidth digits…). */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

const NEGATIONS = /\b(not|never|no|dont|don't|do not|didnt|didn't|wouldnt|wouldn't|wont|won't|isnt|isn't|wasnt|wasn't|am not|aren't|arent|nunca|jamas|ni)\b/;
const THIRD_PARTY =
  /\b(he|she|they|someone|somebody|friend|friends|sister|brother|mom|mum|mother|dad|father|son|daughter|partner|boyfriend|girlfriend|husband|wife|cousin|classmate|coworker|colleague|her|his|their|el|ella|amiga|amigo|hermana|hermano|madre|padre|hija|hijo)\b/;

/** The clause before a match: from the last clause break (. , ; ! ? : and "but") up to the match. */
function clauseBefore(text: string, index: number): string {
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
function wordsBefore(text: string, index: number, n: number): string {
  return clauseBefore(text, index).trim().split(' ').slice(-n).join(' ');
}

/** The sentence before a match (commas do not end it: reported speech often sits behind one). */
function sentenceBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  const cut = Math.max(before.lastIndexOf('.'), before.lastIndexOf('!'), before.lastIndexOf('?'), before.lastIndexOf('\n'));
  return before.slice(cut + 1);
}

interface Rule<K> {
  kind: K;
  pattern: RegExp;
  /** Suppressed when a negation stands in the few words before it ("I'm not suicidal"). */
  negatable?: boolean;
  /** Suppressed when it is about someone else ("my friend is suicidal"). */
  firstPersonOnly?: boolean;
}

/** A global copy of each rule's pattern, compiled once: every message is screened, so compiling per call showed. */
const globalPatterns = new WeakMap<RegExp, RegExp>();
function globalOf(pattern: RegExp): RegExp {
  let re = globalPatterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    globalPatterns.set(pattern, re);
  }
  return re;
}

function firstMatchingKinds<K extends string>(text: string, rules: Rule<K>[], accept: (rule: Rule<K>, index: number) => boolean): K[] {
  const found = new Set<K>();
  for (const rule of rules) {
    if (found.has(rule.kind)) continue;
    // Shared and stateful (lastIndex), which is safe because the whole scan is synchronous.
    const re = globalOf(rule.pattern);
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (accept(rule, m.index)) {
        found.add(rule.kind);
        break;
      }
      if (m[0].length === 0) re.lastIndex += 1;
    }
  }
  return [...found];
}

// ---------------------------------------------------------------------------------------------------------------
// Crisis language (from the survivor)

const crisisRules: Rule<CrisisKind>[] = [
  // suicide: first-person wishes and plans
  { kind: 'suicide', pattern: /\b(kill|killing|end|ending|take|taking) (myself|my (own )?life)\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(want|wanna|going|gonna|plan|planning|ready|tempted|trying|tried|wanted) (to )?(die|end (it all|it|everything|things)|not (be )?(here|alive))\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(i wish|wish i) (was|were|could be) dead\b/ },
  { kind: 'suicide', pattern: /\bwish i (had never been born|was never born|wasn'?t (here|alive)|could (just )?(disappear|vanish|stop existing|not exist)(?! (into|from|for|to|off|in|on)\b)( forever)?)\b/ },
  { kind: 'suicide', pattern: /\b(better off|be better) (dead|without me)\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(don'?t|do not|never) want to (live|be alive|exist|wake up|be here)( anymore| any more)?\b/ },
  { kind: 'suicide', pattern: /\bno (reason|point) (to|in) (live|living|go on|going on|being alive|stay|staying alive)\b/ },
  { kind: 'suicide', pattern: /\bcan'?t (go on|keep going|keep living)( like this| anymore| any more)?\b/ },
  { kind: 'suicide', pattern: /\b(go to sleep|fall asleep|sleep) and (never|not) wake up\b/ },
  { kind: 'suicide', pattern: /\bsuicidal\b/, negatable: true, firstPersonOnly: true },
  { kind: 'suicide', pattern: /\b(thinking|thought|thoughts|think) (about|of) (suicide|killing myself|ending it(?! with| between| off))\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(attempt|attempted|attempting|commit|committing) suicide\b/, negatable: true, firstPersonOnly: true },
  { kind: 'suicide', pattern: /\b(take|took|taking|swallow|swallowed|swallowing) (all )?(of )?(my|the|a bunch of|a lot of|all the|all my|every) (pills|tablets|meds|medication|sleeping pills)\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(overdose|overdosing|hang myself|hanging myself|jump (off|from) (a|the|this) (bridge|building|roof|balcony))\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(this is (my )?goodbye|goodbye forever|(wrote|writing|written) (a|my) (suicide )?note)\b/ },
  // suicide: passive wishes and preparations, said sideways ("everyone would be happier if I was gone")
  { kind: 'suicide', pattern: /\b(started|been|keep|going around) saying goodbyes? to (people|everyone|everybody|friends|my (friends|family|kids|children|parents|mom|mum|dad|sister|brother|cat|dog))\b/ },
  { kind: 'suicide', pattern: /\b(happier|better off|easier|relieved) if i (was|were|wasn'?t|weren'?t) (gone|dead|here|around|alive)\b/ },
  { kind: 'suicide', pattern: /\b(notice|care|miss me|mind) if i (disappeared|vanished|was gone|were gone|died|was dead|were dead|wasn'?t here|weren'?t here|wasn'?t around|killed myself)\b/ },
  { kind: 'suicide', pattern: /\b(giving|gave|give) away (all )?(of )?(my|all my) (things|stuff|belongings|possessions)\b|\bwon'?t need (them|it|anything|any of (it|this|them)) where i'?m going\b/ },
  {
    kind: 'suicide',
    pattern: /\b(pills|tablets|meds|medication) (saved|stashed|stockpiled|hidden)\b|\b(saving|saved|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed) (up )?(my |some |the |a lot of |enough )?(pills|tablets|meds|medication)\b/,
  },
  { kind: 'suicide', pattern: /\b(think|thinking|thought|wish|want|hope|dream|dreaming) (about |of )?(just )?(not|never) (waking|wake) up\b|\b(want|wanna|wish i could|going to|gonna) (to )?(sleep|rest) forever\b/ },
  { kind: 'suicide', pattern: /\b(how many|enough) (of (my|the|these|those) )?(pills|tablets|meds|sleeping pills)\b.{0,30}\b(it would take|would it take|it takes|to (kill|die|end it|overdose))\b/ },
  { kind: 'suicide', pattern: /\bwant (it all|everything|all of it) to (stop|end)\b|\bwant it to (stop|end) (forever|for good|permanently)\b/, negatable: true },
  { kind: 'suicide', pattern: /\bno (way out|escape|other way)\b.{0,30}\b(ending it|end it|dying|death|die)\b/ },
  { kind: 'suicide', pattern: /\bin case i'?m not (here|around|alive) (tomorrow|anymore|any more|much longer)\b|\b(goodbye|farewell) (letters?|notes?|messages?)\b/ },
  // suicide, Spanish
  { kind: 'suicide', pattern: /\bya no (aguanto|puedo) mas\b.{0,40}\b(desaparecer|morir(me)?|dormir para siempre|no despertar)\b|\bdormir para siempre\b|\bno despertar (nunca|mas)\b/ },
  { kind: 'suicide', pattern: /\b(quiero|quisiera|voy a|pienso en|pensando en|ganas de) (morir(me)?|matarme|suicidarme|quitarme la vida|desaparecer para siempre)\b/, negatable: true },
  { kind: 'suicide', pattern: /\bno quiero (vivir|seguir viviendo|estar viva|estar vivo|despertar|seguir aqui)\b/ },
  { kind: 'suicide', pattern: /\b(acabar|terminar) con (mi vida|todo)\b/, negatable: true },
  { kind: 'suicide', pattern: /\b(estaria|estarian|estarias) mejor (muert[oa]|sin mi)\b/ },
  // reflexive forms are first person by grammar ("he pensado en suicidarme": Spanish "he" is "I have")
  { kind: 'suicide', pattern: /\b(suicidarme|matarme|quitarme la vida)\b/, negatable: true },
  { kind: 'suicide', pattern: /\bsuicid(a|io)\b/, negatable: true, firstPersonOnly: true },
  // self-harm
  { kind: 'self_harm', pattern: /\b(cut|cutting|burn|burning|hurt|hurting|harm|harming|punish|punishing|scratch|scratching|starve|starving) myself\b(?! off)/, negatable: true },
  { kind: 'self_harm', pattern: /\bself[- ]?(harm|harming|injury|injure|injuring)\b/, negatable: true, firstPersonOnly: true },
  { kind: 'self_harm', pattern: /\b(relapsed?|relapsing) (on|into|with) (cutting|self[- ]?harm)\b/ },
  // self-harm: a blade and the body, with nobody else as the subject ("he held a knife to my arm" is not this)
  {
    kind: 'self_harm',
    pattern: /\b(razor|blade|knife|scissors)\b.{0,40}\bmy (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach)\b|\bmy (arm|arms|wrist|wrists|thigh|thighs|legs|skin)\b.{0,40}\b(razor|blade)\b/,
    firstPersonOnly: true,
  },
  // self-harm, Spanish
  { kind: 'self_harm', pattern: /\b(cortarme|me corto|me he cortado|me corte|hacerme dano|me hago dano|lastimarme|me lastimo|autolesion(arme|es)?)\b/, negatable: true },
  // immediate danger
  {
    kind: 'immediate_danger',
    pattern: /\b(he|she|they)('s| is| are| was)?( parked| waiting| standing| sitting| hanging around)? (outside|at) (my|the) (door|house|home|window|apartment|flat|room|car|building|work|office|school|place)\b/,
  },
  { kind: 'immediate_danger', pattern: /\b(he|she|they)('s| is| are) (coming|on (his|her|their) way)( (back|over|here|for me))*( right)? now\b/ },
  { kind: 'immediate_danger', pattern: /\b(he|she|they)('s| is| are) (here|in the house|inside) (right )?now\b/ },
  // on the way, and drunk or angry: the arrival is the danger
  {
    kind: 'immediate_danger',
    pattern: /\b(he|she|they)('s| is| are) on (his|her|their) way (over|here|back|home)\b.{0,60}\b(drunk|angry|mad|furious|high|raging|wasted)\b|\b(drunk|angry|furious|raging|wasted)\b.{0,60}\b(he|she|they)('s| is| are) on (his|her|their) way\b/,
  },
  { kind: 'immediate_danger', pattern: /\b(going to|gonna|will|'ll|is gonna|is going to|threatened to|threatens to|says he'?ll|said he'?d|says she'?ll|said she'?d) (kill|hurt|rape|beat|attack|find) me\b/ },
  { kind: 'immediate_danger', pattern: /\bi('m| am) (not safe|in danger|scared for my life|afraid for my life|hiding from (him|her|them)|trapped|locked in)\b/ },
  { kind: 'immediate_danger', pattern: /\b(not safe|unsafe) (right now|here|at home|tonight|now)\b/ },
  { kind: 'immediate_danger', pattern: /\b(he|she|they) (has|have|got|is holding|pulled|pulled out) a (gun|knife|weapon)\b/ },
  { kind: 'immediate_danger', pattern: /\b(locked|trapped) me in\b/ },
  { kind: 'immediate_danger', pattern: /\bi('m| am) hiding (in|under|behind|inside) (the|a) (bathroom|closet|wardrobe|car|basement|cupboard|attic|shed|garage|toilet)\b|\bi('m| am) hiding (right )?now\b/ },
  {
    kind: 'immediate_danger',
    pattern: /\b(he|she|they)('s| is| are) (banging|pounding|kicking|hammering|trying to (break|kick)( down)?)( on| down| at)? (the|my) (door|window)\b|\b(he|she|they)('s| is| are) (outside|at the door)\b.{0,40}\b(trying to get in|screaming|yelling|banging)\b/,
  },
  { kind: 'immediate_danger', pattern: /\b(he|she|they)('s| is| are) (hitting|beating|choking|strangling|hurting|attacking) me\b/ },
  // immediate danger, Spanish
  { kind: 'immediate_danger', pattern: /\b(me va a|me quiere|amenazo con|amenaza con) (matar|pegar|violar|hacer dano|hacerme dano|encontrar)\b/ },
  { kind: 'immediate_danger', pattern: /\b(no estoy a salvo|estoy en peligro|tengo miedo por mi vida|temo por mi vida)\b/ },
  { kind: 'immediate_danger', pattern: /\b(esta|estan) (afuera|fuera) de (mi|la) (puerta|casa|ventana)\b/ },
  { kind: 'immediate_danger', pattern: /\btiene (un|una) (arma|cuchillo|pistola)\b/ },
  { kind: 'immediate_danger', pattern: /\bme (encerro|tiene encerrad[ao])\b/ },
];

export function detectCrisis(text: string): CrisisKind[] {
  return crisisIn(normalise(text));
}

function crisisIn(t: string): CrisisKind[] {
  return firstMatchingKinds(t, crisisRules, (rule, index) => {
    const window = wordsBefore(t, index, 4);
    if (rule.negatable && NEGATIONS.test(window)) return false;
    if (rule.firstPersonOnly && THIRD_PARTY.test(wordsBefore(t, index, 6))) return false;
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Contact details

const TLDS =
  'com|net|org|io|me|co|ly|gg|app|info|biz|es|mx|ar|cl|uk|us|ca|de|fr|it|link|xyz|tv|to|be|ai|dev|page|site|online|live|social|chat|cc|gl|am';
// Every quantifier is bounded (labels ≤ 63, local parts ≤ 64, a few labels): a 4000-character message of
// crafted repetitions must not make a pattern scan quadratically and stall the node.
const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,5}\.[a-z]{2,24}/;
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`\b[a-z0-9._-]{2,64}\s?[\[({]?\s?(at|arroba)\s?[\])}]?\s?(gmail|hotmail|yahoo|outlook|icloud|proton|protonmail|aol|live|msn|mail|[a-z0-9-]{3,63})\s?[\[({]?\s?(dot|punto)\s?[\])}]?\s?(${TLDS})\b`,
);
const EMAIL_MENTION = /\bmy (e-?mail|gmail|hotmail|outlook|yahoo|icloud|correo)( address)? (is|es) [a-z0-9._-]{3}/;
const URL_SCHEME = /\bhttps?:\/\/[^\s]{1,2000}|\bwww\.[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,5}/;
const BARE_DOMAIN = new RegExp(String.raw`\b([a-z0-9][a-z0-9-]{0,62}\.){1,5}(${TLDS})\b(\/[^\s]{0,2000})?`);
const OBFUSCATED_DOMAIN = new RegExp(String.raw`\b[a-z0-9-]{3,63} (dot|punto) (${TLDS})\b`);
const HANDLE = /(^|[\s(])@[a-z0-9_.]{3,30}\b/;
const PLATFORMS =
  'insta|instagram|ig|snap|snapchat|sc|tiktok|twitter|discord|telegram|whatsapp|whats app|wa|kik|facebook|fb|messenger|signal|reddit|tinder|hinge|bumble|wechat|skype|line|threads|bluesky|onlyfans';
const HANDLE_MENTION = new RegExp(
  String.raw`\b(my|mi) (${PLATFORMS})( handle| username| user| name| id| account| is| es| @|:){1,4}\s?@?[a-z0-9_.]{3,30}\b`,
);
const PLATFORM_INVITE = new RegExp(
  String.raw`\b(add|follow|dm|message|msg|text|call|find|hit|contact|reach|ping|friend) me (up )?(on|at|via|through|en|por) (${PLATFORMS}|my (cell|phone|mobile|number|personal (number|phone|email|e-mail)))\b|\b(agregame|sigueme|escribeme|llamame|mandame un mensaje) (en|por|al) (${PLATFORMS}|mi (celular|numero|telefono|correo))\b`,
);
const PLATFORM_HANDLE = new RegExp(String.raw`\b(${PLATFORMS}) ?(:|-|=|is|es) ?@?[a-z0-9_.]{0,30}[0-9_][a-z0-9_.]{0,30}\b`);
const CONTACT_REQUEST = new RegExp(
  String.raw`\b(what'?s|what is|whats|give me|can i (have|get)|could i (have|get)|send me|tell me|share) (your|ur) (phone|cell|mobile|number|phone number|cell number|e-?mail|email address|address|real name|full name|last name|${PLATFORMS}|socials?|handle|username)\b|\b(cual es|dame|pasame|me das|me pasas) (tu|su) (numero|telefono|celular|correo|direccion|nombre completo|apellido|${PLATFORMS})\b|\bcan we (talk|chat|meet|text|continue)( this)? (outside|off) (of )?(this|here|the (app|site|chat|platform))\b|\b(meet|meet up|see each other) in (person|real life)\b|\blook me up\b|\b(do you have|are you on|do you use|you on) (${PLATFORMS})\b.{0,40}\b(talk|chat|text|message|add|there)\b`,
);

const NUMBER_WORDS =
  'zero|oh|one|two|three|four|five|six|seven|eight|nine|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve';
const SPELLED_PHONE = new RegExp(String.raw`\b((${NUMBER_WORDS})[\s,.-]{1,3}){6,14}(${NUMBER_WORDS})\b`);
/** Number words mixed with short digit groups ("6 one 2 three…"), to slip past both checks: two words at least. */
const MIXED_PHONE = new RegExp(String.raw`\b((${NUMBER_WORDS}|\d{1,3})[\s,.-]{1,3}){3,14}(${NUMBER_WORDS}|\d{1,3})\b`, 'g');
const NUMBER_WORD = new RegExp(String.raw`\b(${NUMBER_WORDS})\b`, 'g');
const DIGIT_RUN = /(?:\+|\b00)?\(?\d[\d\s().-]{5,30}\d\b/g;
const CURRENCY_BEFORE = /[$€£¥]\s*$|\b(usd|eur|mxn)\s*$/;
const CURRENCY_AFTER = /^\s*(euros?|dollars?|pesos?|usd|eur|mxn|bucks|k\b|dolares)/;
/** "the police report number is 2023-00456": a reference, not a way to reach someone. */
const REFERENCE_BEFORE = /\b(case|report|reference|ref|incident|ticket|claim|file|order|tracking|badge|policy|confirmation|complaint|expediente|denuncia|folio) (number|no|num|#|numero)\.?( is| was| es|:)? ?$/;

/** How many digits a run of number words and short digit groups stands for ("oh seven 00" is four). */
function spelledDigits(run: string): number {
  return run.split(/[\s,.-]+/).reduce((n, token) => n + (/^\d+$/.test(token) ? token.length : token ? 1 : 0), 0);
}

function looksLikePhone(run: string, before: string, after: string, allowedPhones: Set<string>): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after) || REFERENCE_BEFORE.test(before)) return false;
  // dates: 12-05-2023, 2023.05.12, 12 05 2023
  if (/^\d{1,2}[\s./-]\d{1,2}[\s./-](\d{2}|\d{4})$/.test(run.trim()) || /^\d{4}[\s./-]\d{1,2}[\s./-]\d{1,2}$/.test(run.trim())) return false;
  // lists of years: 2019 2020 2021
  const groups = run.trim().split(/[\s./()-]+/).filter(Boolean);
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

interface AllowSets {
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

function cachedAllowSets(allow: ContactAllowlist | undefined): AllowSets {
  if (!allow) return DEFAULT_ALLOW_SETS;
  let sets = allowSetCache.get(allow);
  if (!sets) {
    sets = allowSetsOf(allow);
    allowSetCache.set(allow, sets);
  }
  return sets;
}

// matchAll copies a global pattern and replace starts from 0, so these shared global patterns keep no state.
const EMAIL_ALL = new RegExp(EMAIL.source, 'g');
const LINKS_ALL = [new RegExp(URL_SCHEME.source, 'g'), new RegExp(BARE_DOMAIN.source, 'g')];

export function detectContactDetails(text: string, options: DetectOptions = {}): ContactKind[] {
  return contactIn(normalise(text), options);
}

function contactIn(normalised: string, options: DetectOptions): ContactKind[] {
  const { phones: allowPhones, domains: allowDomains } = cachedAllowSets(options.allow);
  let t = normalised;
  const found = new Set<ContactKind>();

  if (t.includes('@')) {
    for (const m of t.matchAll(EMAIL_ALL)) {
      const domain = m[0].split('@')[1] ?? '';
      if (!allowedDomain(domain, allowDomains)) found.add('email');
    }
    t = t.replace(EMAIL_ALL, ' ');
  }
  if (OBFUSCATED_EMAIL.test(t) || EMAIL_MENTION.test(t)) found.add('email');

  for (const re of LINKS_ALL) {
    for (const m of t.matchAll(re)) {
      if (!allowedDomain(hostOf(m[0]), allowDomains)) found.add('link');
    }
    t = t.replace(re, ' ');
  }
  if (OBFUSCATED_DOMAIN.test(t)) found.add('link');

  if (HANDLE.test(t) || HANDLE_MENTION.test(t) || PLATFORM_HANDLE.test(t)) found.add('social_handle');
  if (PLATFORM_INVITE.test(t)) found.add('request');
  if (CONTACT_REQUEST.test(t)) found.add('request');

  for (const m of t.matchAll(DIGIT_RUN)) {
    const start = m.index ?? 0;
    if (looksLikePhone(m[0], t.slice(Math.max(0, start - 40), start), t.slice(start + m[0].length, start + m[0].length + 10), allowPhones)) {
      found.add('phone');
      break;
    }
  }
  if (SPELLED_PHONE.test(t)) found.add('phone');
  for (const m of t.matchAll(MIXED_PHONE)) if (spelledDigits(m[0]) >= 7 && (m[0].match(NUMBER_WORD)?.length ?? 0) >= 2) found.add('phone');
  return CONTACT_KINDS.filter((k) => found.has(k));
}

// ---------------------------------------------------------------------------------------------------------------
// Abuse and sexual content aimed at the volunteer (from the survivor)

const SLURS =
  'bitch|whore|slut|cunt|idiot|moron|retard|retarded|loser|piece of shit|dickhead|asshole|bastard|skank|twat|fag|faggot|tranny|cow|pig|dumbass|jackass|hoe';
const INSULT_ADJ = 'stupid|fucking|fuckin|fat|ugly|dumb|useless|worthless|pathetic|little|damn|dirty|lazy|brainless';

const abuseRules: Rule<AbuseKind>[] = [
  { kind: 'abusive', pattern: /\b(fuck|f\*+k|fck|fk|screw) (you|u|off|yourself|urself)\b/ },
  { kind: 'abusive', pattern: /\bgo (to hell|fuck yourself|die|kill yourself|jump off a bridge)\b/ },
  { kind: 'abusive', pattern: /\b(kys|kill yourself|kill urself|hope you die|hope u die)\b/ },
  { kind: 'abusive', pattern: /^(shut (the fuck )?up|stfu)\b|\b(shut (the fuck )?up|stfu),? (you|u|bitch|whore|idiot)\b/ },
  {
    kind: 'abusive',
    pattern: new RegExp(
      String.raw`\b(you|u|ur|you'?re|youre|you are|you r|u r|u are)( such| really| so| just)?( a| an)?(( ${INSULT_ADJ}))* (${SLURS}|useless|worthless|pathetic|disgusting|stupid|dumb|ugly|trash|garbage|a joke)\b`,
    ),
  },
  { kind: 'abusive', pattern: new RegExp(String.raw`^(${INSULT_ADJ}) (${SLURS})\b`) },
  { kind: 'abusive', pattern: /\b(you|u) (people|guys|lot|all) (are|r)( such| so| just| all)?( a| an)? (useless|worthless|pathetic|a joke|trash|garbage|incompetent)\b/ },
  { kind: 'abusive', pattern: /\b(i'?ll|i will|i'?m going to|i'?m gonna|i am going to) (find|kill|hurt|rape|stalk|beat|dox) (you|u)\b/ },
  { kind: 'abusive', pattern: /\bi know where (you|u) (live|work)\b/ },
  { kind: 'abusive', pattern: /\b(you|u) (suck|are a waste|should die|deserve to (die|be raped))\b/ },
  // Spanish
  { kind: 'abusive', pattern: /\beres (una?|un)( (maldita|pinche|estupida|estupido))? (puta|zorra|perra|pendeja|pendejo|idiota|estupida|estupido|imbecil|inutil|basura)\b/ },
  { kind: 'abusive', pattern: /\b(vete a la mierda|chinga tu madre|jodete|hija de puta|hijo de puta|me vale madre lo que digas)\b/ },
  { kind: 'abusive', pattern: /\bte voy a (matar|violar|encontrar|golpear)\b/ },
  // sexual
  { kind: 'sexual', pattern: /\b(send|show|give) (me )?(some |a |your |ur )?(nudes?|noodz|naked pics?|pics of (you|your body|ur body)|tits|boobs|pussy|ass pics?|feet pics?|body pics?)\b/ },
  { kind: 'sexual', pattern: /\bwhat (are|r) (you|u) wearing\b|\bwhat (you|u)('re| are| r) wearing\b/ },
  { kind: 'sexual', pattern: /\bsend (me )?(a |some )?(pics?|pictures?|photos?|selfies?) of (you|yourself|urself|what)\b/ },
  { kind: 'sexual', pattern: /\b(are|r) (you|u) (wet|horny|naked|hard|touching yourself)\b/ },
  { kind: 'sexual', pattern: /\bi('?m| am) (so )?(horny|hard for you|wet for you|touching myself|jerking off|masturbating|stroking)\b/ },
  { kind: 'sexual', pattern: /\b(suck|lick|touch|ride|sit on|grab) (my|this) (dick|cock|penis|pussy|tits|balls|ass)\b/ },
  { kind: 'sexual', pattern: /\bi (want|wanna|would|'?d|'?m going to|'?m gonna|could) (to )?(fuck|bang|rape|eat out|finger|touch|kiss|lick|undress|suck) (you|u)\b/ },
  { kind: 'sexual', pattern: /\b(let'?s|lets|wanna|want to|do you want to) (have sex|fuck|sext|hook up|get naked|cyber)\b/ },
  { kind: 'sexual', pattern: /\b(sext|sexting) (with )?me\b|\bcyber ?sex\b/ },
  { kind: 'sexual', pattern: /\b(your|ur) (tits|boobs|pussy|ass|body|lips|legs) (are|is|look|looks|must)\b/ },
  { kind: 'sexual', pattern: /\b(you|u)('re| are| r|r| sound| look) (so |very |really )?(sexy|hot|fuckable)\b/ },
  { kind: 'sexual', pattern: /\b(describe|tell me about) (your|ur) (body|breasts|tits|underwear)\b/ },
  { kind: 'sexual', pattern: /\bmy (dick|cock) is (so )?(hard|throbbing)\b/ },
  { kind: 'sexual', pattern: /\b(show|send) (me )?(your|ur) (body|naked body|tits|boobs|breasts|pussy|ass|butt)\b/ },
  { kind: 'sexual', pattern: /\bdescribe (it|that|this) (slowly|to me slowly)\b/ },
  { kind: 'sexual', pattern: /\b(if|when) i (touched|touch|kissed|kiss|licked|lick|grabbed|grab|undressed|undress) (you|u)\b/ },
  { kind: 'sexual', pattern: /\b(you'?d|you would|u'?d) (love|like|enjoy) it if i (touched|kissed|sat|licked|grabbed|undressed|sucked|rode|spanked)\b|\b(sit|sat|sitting) on (your|ur) (lap|face)\b/ },
  // Spanish
  { kind: 'sexual', pattern: /\b(mandame|enviame|pasame) (fotos|nudes|packs?|el pack)\b/ },
  { kind: 'sexual', pattern: /\b(que llevas puesto|estoy (muy )?(caliente|cachondo|cachonda|excitado) por ti)\b/ },
  { kind: 'sexual', pattern: /\bquiero (cogerte|follarte|tocarte|besarte|desnudarte)\b/ },
  { kind: 'sexual', pattern: /\b(chupamela|mamamela)\b/ },
];

/** "he said…", "he called me…", "she told me to…": a survivor quoting what was done to them. */
const REPORTED_SPEECH =
  /\b(he|she|they|him|her|them|my \w+|someone|people|everyone|guys?|men|a man|this man|the man|a guy|this guy|the guy|coworkers?|boss|manager|teacher|ex)\b.{0,60}\b(said|says|say|told|tell|tells|called|calls|asked|asks|texted|texts|wrote|writes|messaged|keeps saying|kept saying|would say|used to say|yelled|shouted|whispered|made me|forced me|wanted me|wants me|demanded|kept asking)\b|\b(tell|told|telling|say|said|saying|yell|yelled|scream|screamed|shout|shouted) (him|her|them|my \w+)\b|\b(called me|calls me|call me|calling me|me dijo|me llamo|me decia|me dice|me obligo|me pidio|me escribio|me grito)\b/;

function insideQuotes(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return (before.split('"').length - 1) % 2 === 1;
}

export function detectAbuse(text: string): AbuseKind[] {
  return abuseIn(normalise(text));
}

function abuseIn(t: string): AbuseKind[] {
  return firstMatchingKinds(t, abuseRules, (_rule, index) => {
    if (insideQuotes(t, index)) return false;
    return !REPORTED_SPEECH.test(sentenceBefore(t, index));
  });
}

// ---------------------------------------------------------------------------------------------------------------

export function detect(text: string, options: DetectOptions = {}): Detection {
  const t = normalise(text);
  return { crisis: crisisIn(t), contact: contactIn(t, options), abuse: abuseIn(t) };
}
