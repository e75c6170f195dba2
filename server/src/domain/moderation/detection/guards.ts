// Guards: what makes crisis words or insults not what they seem: quoted and reported speech, the past with recovery
// stated, denial, someone else's crisis, idioms, accidents, medication as prescribed. Each is a model feature (its
// weight is learned) and some also veto outright, because the corpus cannot hold every phrasing they cover.
import { MEDICATION_NEEDLES, MEDICATIONS } from './crisisRules.js';
import { NeedleIndex } from './rules.js';

export const GUARD_NAMES = [
  'recovery',
  'past_danger',
  'safe_now',
  'denial',
  'third_person',
  'reported',
  'idiom',
  'accident',
  'on_purpose',
  'prescribed',
  'second_person',
  'medication',
  'count_and_medication',
  'means',
  'body',
  'quote',
] as const;
export type GuardName = (typeof GUARD_NAMES)[number];

const RECOVERY = new RegExp(
  String.raw`\b(used to|use to|clean (for|since)|\d+ (years?|months?|days?|yrs?) clean|(years|months|ages|a long time|a while|a few years) ago|long time ago|it'?s been (ages|years|months|a long time|a while) since|when i was (younger|a teen|a teenager|a kid|little|in (high school|college|school|uni)|\d+)|back (then|in (high school|college|school|uni|the day|\d+))|as a (teen|teenager|kid)|in (high school|college) i|in recovery|i'?m recovered|recovered from|in the past|behind me|no longer|not anymore|not any more|(haven'?t|havent|have not|hasn'?t|didn'?t|never) (cut|self[- ]?harmed|harmed myself|hurt myself|done (it|that)|felt (that|like that|suicidal)|wanted to die|attempted|relapsed)|(don'?t|dont|do not) (do|feel|think) (that|it|this|like that) any ?more|i survived|survived (an?|my) (attempt|overdose)|glad i (survived|did)|old( self[- ]?harm)? (scars|cuts)|(but )?i'?m not (now|anymore)|scars (are|from) (old|years|when)|(helped|got) me through|doing (a lot )?better|i'?m (stable|better|okay|ok) now|hace (\d+|mucho|muchos|varios|un|dos|tres|cinco|anos|meses|tiempo)( anos| meses| tiempo)?|in my (teens|twenties|thirties|youth)|part of my (story|past)|(last|that) (year|summer|winter|spring|autumn) i|ya no (me (corto|lastimo|hago dano|autolesiono)|tengo pensamientos|pienso en|quiero hacerme|lo hago)|antes me (cortaba|lastimaba|hacia dano)|de (adolescente|nina|nino|chica|joven)|cuando era (nina|nino|adolescente|joven|chica|pequena|chico)|en la (prepa|secundaria)|llevo \w+ (anos?|mes(es)?|dias?|semanas?) (limpia|limpio|sin)|in a (good|better|much better|safer|healthier) place|(thoughts|urges) (have )?(stopped|calmed|went away|are gone|faded|eased)|i'?m \d\d now|cicatrices (viejas|de cuando)|(ahora|hoy) estoy (mejor|bien))\b`,
);
const RELAPSE = /\b(again|tonight|right now|rn|relaps\w*|started (again|cutting)|last night|this (week|morning|evening)|just now|recai\w*|anoche|otra vez|de nuevo|volvi a|ahora mismo|ahorita)\b/;
const PAST_DANGER =
  /\b(once|used to|years ago|months ago|weeks ago|last (year|month|week|summer|winter|spring|fall|time)|back then|when we were (together|dating|married|living together)|when i was (with him|with her|younger|\d+)|that night|the night it happened|in (high school|college|uni|20\d\d|19\d\d)|before the (protective|restraining) order|hace (\d+|mucho|anos|tiempo|un|dos|tres)|una vez|cuando (viviamos|estabamos|era)|esa noche|ya se mudo|ya paso|ya lo deje|for (months|years|weeks) after|(it|it'?s|its|that|he) (has )?stopped( now)?)\b/;
const DANGER_NOW = /\b(right now|rn|tonight|again|still|here|outside|ahora mismo|ahorita|otra vez|aqui|afuera)\b/;
const SAFE_NOW =
  /\b(i'?m|im|i am) (safe|fine|ok|okay|home safe|at (my|a) [a-z]+'?s)( now)?\b|\b(he'?s|he is|hes) (at work|asleep|away|out of|in jail|in prison|at his)|\b(estoy|ya estoy) (a salvo|bien|en casa|con mi)\b|\b(esta|el esta) (en el trabajo|trabajando|en la carcel|en otra ciudad)\b/;
const DENIAL = new RegExp(
  String.raw`\b(i'?m|im|i am) not (suicidal|going to (hurt|kill|do)|gonna (hurt|kill|do)|thinking (of|about) (suicide|ending|killing|hurting)|cutting|in (any )?danger)|\b(i )?(would|will|could|'d|'ll) never (kill|hurt|harm|do (that|this|it)|do that to)\b|\b(i )?(won'?t|wont|will not|wouldn'?t|wouldnt) (hurt|kill|harm|do anything to) myself|\b(don'?t|dont|do not) (want|wanna) (to )?(die|kill myself|hurt myself|end (it|my life))\b|\bno (thoughts|plans?) (of|to)\b|\bnot (suicidal|in danger|thinking of (ending|hurting|killing))\b|\bno (me )?(quiero|voy a) (morir|matar|hacer|suicidar)|\bno estoy (pensando en|en peligro)|\bnunca me (haria|mataria)|\bno me voy a (matar|hacer nada|hacer dano)|\bya no tengo pensamientos|\bnot going to do anything\b`,
);
const THIRD_PERSON = new RegExp(
  String.raw`\b(my|mi) (friend|best friend|bestie|sister|brother|cousin|roommate|girlfriend|boyfriend|partner|daughter|son|mom|mum|mother|dad|father|classmate|amiga|amigo|hermana|hermano|prima|primo|hija|hijo|novio|novia|mama|papa|ex)\b.{0,40}\b(wants|says|said|told|tried|attempted|took|cuts|self harms|is suicidal|killed|died|overdosed|threatened|threatens|posted|texts|quiere|dice|dijo|intento|se corta|se mato|se quito|se tomo)\b|\b(he|she|they)( has| had| keeps| kept)? (threatened|threatens|says|said|tried|wants|would) (to )?(kill|hurt) (himself|herself|themselves)|\b(himself|herself|themselves)\b|\bse (mata|matar|suicida|suicidar|quito|corta|iba a matar|quiere matar|quiere suicidar)\b`,
);
/** "he told me to kill myself", "he kept saying i'd be better off dead", "me decia ojala te mueras". */
const REPORTED_CRISIS =
  /\b(he|she|they|him|my \w+|mi \w+|the \w+|some \w+|those \w+|someone|people|everyone|his friends|the comments?|his texts?|the texts?|the notes?)\b.{0,40}\b(told me to|tells me to|told me i|said to|says to|said i'?d|says i'?d|said i should|says i should|said i was|keeps saying|kept saying|used to say|would say|wants me to|yelled|screamed|shouted|texted|wrote|posted|commented|said|says|asked (me )?(if|whether)|asks (me )?(if|whether)|me decia|me dijo|me grito|me escribio|me pregunto|me preguntaron)\b/;
/** "he said…", "he called me…", "she told me to…": a survivor quoting what was done to them. */
const REPORTED_SPEECH =
  /\b(he|she|they|him|her|them|my \w+|someone|people|everyone|guys?|men|a man|this man|the man|a guy|this guy|the guy|coworkers?|boss|manager|teacher|ex|his friends|the comments?|the group chat|his texts?|the text)\b.{0,60}\b(said|says|say|told|tell|tells|called|calls|asked|asks|texted|texts|wrote|writes|messaged|keeps saying|kept saying|would say|used to say|yelled|shouted|screamed|whispered|made me|forced me|wanted me|wants me|demanded|kept asking|keeps asking|keeps|asking (me )?if|commented|posted|call me|would tell|would scream|would whisper|kept|asked if|asked what)\b|\b(tell|told|telling|say|said|saying|yell|yelled|scream|screamed|shout|shouted) (him|her|them|my \w+)\b|\b(called me|calls me|call me|calling me|me dijo|me llamo|me decia|me dice|me obligo|me pidio|me pedia|me escribio|me grito|me gritaba|me preguntaba|me susurraba|me mando|me llamaba|me dicen|me decian)\b/;
const IDIOM =
  /\b(killing me|kill for|kill me now|dying (to|for|of)|dying laughing|died laughing|to die for|dead tired|murder a|would die for|i'?d die for|is dying|phone is dying|battery|dead to me|literally dead|i'?m dead lol|me muero (de|por)|(quiero )?morir(me)? de (la )?(verguenza|risa|hambre|sueno|frio|calor|ganas|nervios)|me mata (el|la)|me esta matando|me estan matando|muerta de|muerto de|mataria por|me mato de risa|me mato tu|me mori de)\b/;
const ACCIDENT =
  /\b(by accident|accidentally|accidental|chopping|cooking|shaving|finger|thumb|dedo|pulgar|picando|running|corriendo|jugando|at the gym|en el gym|paper cut|opening a can|on the (oven|stove|kettle|iron|pan|curling iron|grill)|fell (off|down)|tripped|splinter|cocinando|pelando|sin querer|con el (sarten|horno)|con (un|el) papel|con la impresora)\b/;
const ON_PURPOSE = /\b(on purpose|deliberately|intentionally|a proposito|adrede)\b/;
const PRESCRIBED =
  /\b(as prescribed|like (the|my) doctor said|like i'?m supposed to|prescribed|prescription|my (doctor|gp|dr|psychiatrist|pharmacy|pharmacist)|every (morning|night|day)|daily|\d+ ?mg|like usual|a night|one a night|side effects|como me (dijo|receto|lo recetaron)|me (receto|recetaron|subio la dosis)|por la (manana|noche)|todas las mananas|diario|una por noche|para el dolor|for (my|the) (headache|cramps|pain|back))\b/;
const SECOND_PERSON = /\b(you|u|ur|your|you'?re|youre|yourself|urself|ya|tu|te|eres|contigo|ti|usted|tus)\b/;
const MEDICATION = new RegExp(String.raw`\b(${MEDICATIONS})\b`);
const COUNT_AND_MEDICATION = new RegExp(
  String.raw`\b([5-9]|[1-9]\d|[1-9]\d\d|all|whole|entire|bunch|handful|lot|box|bottle|pack|sheets?|todas|toda|monton|caja|frasco|blister)\b.{0,30}\b(${MEDICATIONS})\b`,
);
const MEANS =
  /\b(rope|noose|bridge|roof|rooftop|ledge|balcony|tracks|train|cliff|gun|loaded|blade|blades|razor|razors|bleach|knot|beam|engine running|parking garage|car park|9th floor|cuerda|puente|azotea|techo|vias|cuchilla|cuchillas|pistola|tren|metro|edificio|ventana)\b/;
const BODY = /\b(arms?|wrists?|thighs?|legs?|stomach|skin|hips?|ankles?|brazos?|munecas?|piernas?|muslos?|piel)\b/;

export type Guards = Record<GuardName, boolean>;

const BODY_WORDS = ['arm', 'wrist', 'thigh', 'leg', 'stomach', 'skin', 'hip', 'ankle', 'brazo', 'muneca', 'pierna', 'muslo', 'piel'];

/**
 * Each guard's pattern with the substrings one of which its every match contains (as the rules' gates): one pass of
 * an Aho-Corasick automaton over the text says which patterns are worth running. Undefined needs: always run.
 */
const GUARD_PATTERNS = [
  { name: 'recovery', pattern: RECOVERY, needs: ['used to', 'use to', 'clean', 'ago', 'since', 'when i was', 'back then', 'back in', 'as a ', 'high school', 'college', 'recover', 'the past', 'behind me', 'no longer', 'anymore', 'any more', 'haven', 'have not', 'hasn', 'didn', 'never ', 'survived', 'glad i', 'old ', 'scars', 'helped me', 'got me', 'better', 'stable', 'okay now', 'ok now', 'place', 'thoughts', 'urges', ' now', 'hace ', 'ya no ', 'antes me', 'de adolescente', 'de nina', 'de nino', 'de chica', 'de joven', 'cuando era', 'en la prepa', 'en la secundaria', 'llevo ', 'cicatrices', 'estoy mejor', 'estoy bien', 'in my ', 'part of my', 'last ', 'that year', 'that summer', 'that winter', 'that spring', 'that autumn', "i'm not", 'im not'] },
  { name: 'past_danger', pattern: PAST_DANGER, needs: ['once', 'used to', 'ago', 'last ', 'back then', 'when we were', 'when i was', 'that night', 'the night it happened', 'high school', 'college', 'uni', 'in 20', 'in 19', 'before the', 'hace', 'una vez', 'cuando', 'esa noche', 'ya se mudo', 'ya paso', 'ya lo deje', 'after', 'stopped'] },
  { name: 'safe_now', pattern: SAFE_NOW, needs: ['safe', 'fine', ' ok', 'okay', 'at my', 'at a ', 'at work', 'asleep', 'away', 'out of', 'in jail', 'in prison', 'at his', 'bien', 'salvo', 'en casa', 'con mi', 'trabajo', 'trabajando', 'carcel', 'otra ciudad'] },
  { name: 'denial', pattern: DENIAL, needs: ['not ', 'never', 'wont', "won't", 'will not', 'wouldn', 'dont', "don't", 'do not', 'no ', 'nunca'] },
  { name: 'third_person', pattern: THIRD_PERSON, needs: ['friend', 'bestie', 'sister', 'brother', 'cousin', 'roommate', 'girlfriend', 'boyfriend', 'partner', 'daughter', 'son', 'mom', 'mum', 'mother', 'dad', 'father', 'classmate', 'amig', 'herman', 'prim', 'hij', 'novi', 'mama', 'papa', ' ex', 'self', 'selves', 'se '] },
  { name: 'reported_speech', pattern: REPORTED_SPEECH, needs: ['said', 'says', 'say', 'told', 'tell', 'called', 'calls', 'call me', 'calling me', 'asked', 'asks', 'asking', 'texted', 'texts', 'wrote', 'writes', 'messaged', 'keeps', 'kept', 'would', 'yelled', 'yell', 'shouted', 'shout', 'screamed', 'scream', 'whispered', 'made me', 'forced me', 'wanted me', 'wants me', 'demanded', 'commented', 'posted', 'me dijo', 'me llamo', 'me decia', 'me dice', 'me obligo', 'me pidio', 'me pedia', 'me escribio', 'me grito', 'me gritaba', 'me preguntaba', 'me susurraba', 'me mando', 'me llamaba', 'me dicen', 'me decian'] },
  { name: 'reported_crisis', pattern: REPORTED_CRISIS, needs: ['told me', 'tells me', 'said', 'says', 'keeps saying', 'kept saying', 'used to say', 'would say', 'wants me to', 'yelled', 'screamed', 'shouted', 'texted', 'wrote', 'posted', 'commented', 'asked', 'asks', 'me decia', 'me dijo', 'me grito', 'me escribio', 'me pregunto', 'me preguntaron'] },
  { name: 'idiom', pattern: IDIOM, needs: ['killing me', 'kill for', 'kill me now', 'dying', 'died laughing', 'die for', 'dead tired', 'murder a', 'battery', 'dead to me', 'literally dead', 'dead lol', 'me muero', 'morir', 'me mata', 'matando', 'muerta de', 'muerto de', 'mataria', 'me mato', 'me mori'] },
  { name: 'accident', pattern: ACCIDENT, needs: ['accident', 'chopping', 'cooking', 'shaving', 'finger', 'thumb', 'dedo', 'pulgar', 'picando', 'running', 'corriendo', 'jugando', 'gym', 'paper cut', 'opening a can', 'on the ', 'fell ', 'tripped', 'splinter', 'cocinando', 'pelando', 'sin querer', 'con el', 'con un', 'con la impresora'] },
  { name: 'on_purpose', pattern: ON_PURPOSE, needs: ['purpose', 'deliberately', 'intentionally', 'a proposito', 'adrede'] },
  { name: 'prescribed', pattern: PRESCRIBED, needs: ['prescri', 'doctor', 'supposed to', 'my gp', 'my dr', 'psychiatrist', 'pharmac', 'every ', 'daily', 'mg', 'usual', 'a night', 'side effects', 'como me', 'me receto', 'me recetaron', 'subio la dosis', 'por la', 'todas las mananas', 'diario', 'una por noche', 'para el dolor', 'for my', 'for the'] },
  { name: 'second_person', pattern: SECOND_PERSON },
  { name: 'medication', pattern: MEDICATION, needs: MEDICATION_NEEDLES },
  { name: 'count_and_medication', pattern: COUNT_AND_MEDICATION, needs: MEDICATION_NEEDLES },
  { name: 'means', pattern: MEANS, needs: MEANS.source.replace(/^\\b\(|\)\\b$/g, '').split('|') },
  { name: 'body', pattern: BODY, needs: BODY_WORDS },
].map((g) => ({ kind: 'guard', ...g }));
const GUARD_NEEDLES = new NeedleIndex(GUARD_PATTERNS);
const AT = Object.fromEntries(GUARD_PATTERNS.map((g, i) => [g.name, i])) as Record<string, number>;

/** Every guard's answer for one (folded) message or segment. `gated: false` runs every pattern (for the test). */
export function guardsOf(t: string, gated = true): Guards {
  const seen = GUARD_NEEDLES.present(t, GUARD_SEEN);
  const holds = (name: string) => {
    const i = AT[name]!;
    return (!gated || GUARD_NEEDLES.open(i, seen)) && GUARD_PATTERNS[i]!.pattern.test(t);
  };
  const recovery = holds('recovery') && !RELAPSE.test(t);
  return {
    recovery,
    past_danger: holds('past_danger') && !DANGER_NOW.test(t),
    safe_now: holds('safe_now'),
    denial: holds('denial'),
    third_person: holds('third_person'),
    reported: holds('reported_speech') || holds('reported_crisis'),
    idiom: holds('idiom'),
    accident: holds('accident') && !ON_PURPOSE.test(t),
    on_purpose: holds('on_purpose'),
    prescribed: holds('prescribed'),
    second_person: holds('second_person'),
    medication: holds('medication'),
    count_and_medication: holds('count_and_medication'),
    means: holds('means'),
    body: holds('body'),
    quote: t.includes('"') || / '[a-z]/.test(t),
  };
}

const GUARD_SEEN = new Uint8Array(GUARD_NEEDLES.needles);
/** Reported speech is asked about sentence by sentence: a small automaton of its own, and a reused buffer. */
const REPORTED_SPEECH_NEEDLES = new NeedleIndex([GUARD_PATTERNS[AT.reported_speech!]!]);
const REPORTED_CRISIS_NEEDLES = new NeedleIndex([GUARD_PATTERNS[AT.reported_crisis!]!]);
const REPORTED_SEEN = new Uint8Array(Math.max(REPORTED_SPEECH_NEEDLES.needles, REPORTED_CRISIS_NEEDLES.needles));

/** Reported speech before `index` in its sentence: abuse a survivor quotes is not abuse at the volunteer. */
export function reportedSpeechBefore(sentence: string): boolean {
  return REPORTED_SPEECH_NEEDLES.open(0, REPORTED_SPEECH_NEEDLES.present(sentence, REPORTED_SEEN)) && REPORTED_SPEECH.test(sentence);
}

/** Someone else's words about the survivor's death ("he told me to kill myself"): not the survivor's wish. */
export function reportedCrisisBefore(sentence: string): boolean {
  return REPORTED_CRISIS_NEEDLES.open(0, REPORTED_CRISIS_NEEDLES.present(sentence, REPORTED_SEEN)) && REPORTED_CRISIS.test(sentence);
}

const LETTER = /[a-z0-9]/;
const OPENER_BEFORE = /[\s(:,[-]/;
const CLOSER_AFTER = /[\s.,!?;:)\]-]/;

/**
 * The spans inside quotation marks, double or single. A single quote opens after a space and before a letter and
 * closes after a letter and before a space or punctuation, so the apostrophes of "you're" and "don't" never count.
 */
export function quotedSpans(t: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"') {
      const end = t.indexOf('"', i + 1);
      if (end < 0) break;
      spans.push([i, end + 1]);
      i = end;
    } else if (c === "'" && (i === 0 || OPENER_BEFORE.test(t[i - 1]!)) && LETTER.test(t[i + 1] ?? '')) {
      let closed = false;
      for (let j = i + 2; j < t.length; j++) {
        if (t[j] === "'" && LETTER.test(t[j - 1]!) && (j === t.length - 1 || CLOSER_AFTER.test(t[j + 1]!))) {
          spans.push([i, j + 1]);
          i = j;
          closed = true;
          break;
        }
      }
      // No closer after this opener means none after any later one either: stop (linear, not quadratic).
      if (!closed) break;
    }
  }
  return spans;
}

/**
 * The text with quotations replaced by a placeholder word. With `reportedOnly`, only quotations that someone else
 * said (a speech verb before them in the sentence): a survivor may quote their own thoughts ("i keep thinking 'just
 * end it'"), which is theirs.
 */
export function maskQuotes(t: string, reportedOnly: boolean): string {
  if (!t.includes('"') && !t.includes("'")) return t;
  const spans = quotedSpans(t);
  if (spans.length === 0) return t;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (reportedOnly) {
      const sentence = t.slice(Math.max(0, start - 80), start);
      if (!REPORTED_SPEECH.test(sentence) && !REPORTED_CRISIS.test(sentence)) continue;
    }
    out += t.slice(at, start) + ' zquote ';
    at = end;
  }
  return out + t.slice(at);
}
