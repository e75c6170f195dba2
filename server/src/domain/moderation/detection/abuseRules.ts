// Abuse and sexual content aimed at the volunteer (from the survivor): the phrasings whose structure decides.
import type { Rule } from './rules.js';

export const ABUSE_KINDS = ['abusive', 'sexual'] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];

const SLURS =
  'bitch|whore|slut|cunt|idiot|moron|retard|retarded|loser|piece of shit|piece of garbage|piece of trash|dickhead|asshole|bastard|skank|twat|fag|faggot|tranny|cow|pig|dumbass|jackass|hoe|prick|wanker|tosser|fuck|fucker|motherfucker|clown|freak';
const INSULT_ADJ = 'stupid|fucking|fuckin|fkn|effing|bloody|fat|ugly|dumb|useless|worthless|pathetic|little|damn|dirty|lazy|brainless|absolute|complete|total|utter|clueless|disgusting|nasty|fake|sad|lame|incompetent|retarded';
/** "you're (such) (a) (fucking) (useless) <insult>": any number of intensifiers, each with its own space. */
const YOU_ARE = String.raw`\b(you|u|ur|you'?re|youre|you are|you r|u r|u are|ure)( such| really| so| just| literally| honestly| actually| fucking| truly)*( a| an)?(?: (?:${INSULT_ADJ}))*`;

export const abuseRules: Rule<AbuseKind>[] = [
  { kind: 'abusive', name: 'fuck you', pattern: /(?<!(want to|wanna|gonna|going to|i'?d|would|i'?ll|let me|to|and|could) )\b(fuck|f\*+k|fck|fk|screw|fuk) (you|u|off|yourself|urself|ya)\b/ },
  { kind: 'abusive', name: 'go to hell', pattern: /\bgo (to hell|fuck yourself|die|kill yourself|jump off a bridge|rot)\b|\brot in hell\b|\bdrop dead\b/ },
  { kind: 'abusive', name: 'kill yourself', pattern: /\b(kys|kill yourself|kill urself|kill ur self|hope you die|hope u die|you should die|u should die)\b/ },
  { kind: 'abusive', name: 'shut up', pattern: /^(shut (the fuck |the hell )?up|stfu)[.! ]*$|^(shut (the fuck |the hell )?up|stfu),? (you|u|bitch|whore|idiot|pendeja)\b|\b(shut (the fuck |the hell )?up|stfu),? (you|u) (bitch|whore|idiot|cunt|moron)\b/ },
  { kind: 'abusive', name: 'you are an insult', pattern: new RegExp(String.raw`${YOU_ARE} (${SLURS}|useless|worthless|pathetic|disgusting|stupid|dumb|ugly|trash|garbage|a joke|a waste|clueless|incompetent|retarded|an embarrassment|a disgrace)\b`) },
  { kind: 'abusive', name: 'insult alone', pattern: new RegExp(String.raw`^(you )?((${INSULT_ADJ}) )+(${SLURS})[.! ]*$|^(dumb|stupid|useless|fucking) (${SLURS})\b`) },
  { kind: 'abusive', name: 'you people are useless', pattern: /\b(you|u) (people|guys|lot|all) (are|r)( such| so| just| all)?( a| an)? (useless|worthless|pathetic|a joke|trash|garbage|incompetent)\b/ },
  { kind: 'abusive', name: 'threat', pattern: /\b(i'?ll|i will|i'?m going to|i'?m gonna|i am going to|im going to|im gonna|gonna) (find|kill|hurt|rape|stalk|beat|dox|track|hunt) (you|u)( down)?\b/ },
  { kind: 'abusive', name: 'I know where you live', pattern: /\bi know where (you|u) (live|work)\b/ },
  { kind: 'abusive', name: 'you should die', pattern: /\b(you|u) (suck|are a waste|should die|deserve to (die|be raped|suffer))\b/ },
  { kind: 'abusive', name: 'wished harm', pattern: /\b(i )?hope (you|u|your family|ur family|your kids) (die|dies|suffer|burn|rot|choke|(get|gets) (hit|raped|cancer|assaulted|hurt|killed|stabbed|shot|what (i|you) (got|deserve)))\b/ },
  // Spanish
  { kind: 'abusive', name: 'eres una …', pattern: /\beres (una?|un)( (maldita|pinche|estupida|estupido|pobre))? (puta|zorra|perra|pendeja|pendejo|idiota|estupida|estupido|imbecil|inutil|basura|mierda)\b/ },
  { kind: 'abusive', name: 'vete a la mierda', pattern: /\b(vete a la mierda|vete al carajo|vete a la verga|chinga tu madre|jodete|que te jodan|(?<!es (un|una|el|la) )(hija|hijo) de puta|me cago en tu madre|maldita perra|callate (estupida|pendeja|idiota|puta))\b/ },
  { kind: 'abusive', name: 'te voy a matar', pattern: /\bte voy a (matar|violar|encontrar|golpear|buscar)\b|\bse donde (vives|trabajas)\b/ },
  { kind: 'abusive', name: 'ojala te mueras', pattern: /\bojala (te mueras|te violen|te pase|te atropelle)\b|\bque te violen\b|^matate\b/ },
  // sexual
  { kind: 'sexual', name: 'asking for nudes', pattern: /\b(send|show|give) (me )?(some |a |your |ur )?(nudes?|noodz|naked pics?|pics of (you|your body|ur body)|tits|boobs|pussy|ass pics?|feet pics?|body pics?)\b/ },
  { kind: 'sexual', name: 'what are you wearing', pattern: /\bwhat (are|r) (you|u) wearing\b|\bwhat (you|u)('re| are| r) wearing\b/ },
  { kind: 'sexual', name: 'pictures of you', pattern: /\bsend (me )?(a |some )?(pics?|pictures?|photos?|selfies?) of (you|yourself|urself|what)\b/ },
  { kind: 'sexual', name: 'are you wet', pattern: /\b(are|r) (you|u) (wet|horny|naked|hard|touching yourself)\b/ },
  { kind: 'sexual', name: 'I am aroused', pattern: /^(i'?m|im|i am) (so |really |very )?(horny|hard|wet)( (rn|right now|lol|af|now|tbh|for you))?[.!? ]*$|\b(horny|hard|wet) (for you|for u|thinking (of|about) (you|u)|right now talk|rn talk)\b|\bi('?m| am|m) (so )?(hard for you|wet for you|touching myself|jerking off|masturbating|stroking)\b/ },
  { kind: 'sexual', name: 'touch my …', pattern: /\b(suck|lick|touch|ride|sit on|grab) (my|this) (dick|cock|penis|pussy|tits|balls|ass)\b/ },
  { kind: 'sexual', name: 'I want to have sex with you', pattern: /\bi (want|wanna|would|'?d|'?m going to|'?m gonna|could) (to )?(fuck|bang|rape|eat out|finger|touch|kiss|lick|undress|suck) (you|u)\b/ },
  { kind: 'sexual', name: "let's have sex", pattern: /\b(let'?s|lets|wanna|want to|do you want to) (have sex|fuck|sext|hook up|get naked|cyber)\b/ },
  { kind: 'sexual', name: 'sexting', pattern: /\b(sext|sexting) (with )?me\b|\bcyber ?sex\b/ },
  { kind: 'sexual', name: 'your body', pattern: /\b(your|ur) (tits|boobs|pussy|ass|body|lips|legs) (are|is|look|looks|must)\b/ },
  { kind: 'sexual', name: 'you are sexy', pattern: /\b(you|u)('re| are| r|r| sound| look) (so |very |really )?(sexy|hot|fuckable)\b/ },
  { kind: 'sexual', name: 'describe your body', pattern: /\b(describe|tell me about) (your|ur) (body|breasts|tits|underwear)\b/ },
  { kind: 'sexual', name: 'my dick', pattern: /\bmy (dick|cock) is (so )?(hard|throbbing)\b/ },
  { kind: 'sexual', name: 'show me your body', pattern: /\b(show|send) (me )?(your|ur) (body|naked body|tits|boobs|breasts|pussy|ass|butt)\b/ },
  { kind: 'sexual', name: 'describe it slowly', pattern: /\bdescribe (it|that|this) (slowly|to me slowly)\b/ },
  { kind: 'sexual', name: 'if I touched you', pattern: /\b(if|when) i (touched|touch|kissed|kiss|licked|lick|grabbed|grab|undressed|undress) (you|u)\b/ },
  { kind: 'sexual', name: 'you would like it', pattern: /\b(you'?d|you would|u'?d) (love|like|enjoy) it if i (touched|kissed|sat|licked|grabbed|undressed|sucked|rode|spanked)\b|\b(sit|sat|sitting) on (your|ur) (lap|face)\b/ },
  // Spanish
  { kind: 'sexual', name: 'mandame fotos', pattern: /\b(mandame|enviame|pasame) (fotos|nudes|packs?|el pack)\b/ },
  { kind: 'sexual', name: 'estoy caliente', pattern: /\b(que llevas puesto|que traes puesto|estoy (muy |bien )?(caliente|cachondo|cachonda|excitado) por ti)\b/ },
  { kind: 'sexual', name: 'quiero cogerte', pattern: /\bquiero (cogerte|follarte|tocarte|besarte|desnudarte)\b/ },
  { kind: 'sexual', name: 'chupamela', pattern: /\b(chupamela|mamamela)\b/ },
];

/** Words at least one of which every match of a rule contains (see CRISIS_NEEDS in crisisRules.ts). */
const ABUSE_NEEDS: Record<string, readonly string[]> = {
  'fuck you': ['fuck', 'f*', 'fck', 'fk', 'screw', 'fuk'],
  'go to hell': ['go ', 'rot in', 'drop dead'],
  'kill yourself': ['kys', 'kill yourself', 'kill ur', 'hope you die', 'hope u die', 'should die'],
  'shut up': ['shut', 'stfu'],
  'you are an insult': ['you', 'u ', 'ur'],
  'insult alone': SLURS.split('|').map((s) => s.split(' ')[0]!.replace(/[^a-z]/g, '')),
  'you people are useless': [' people', ' guys', ' lot', ' all'],
  threat: ['find', 'kill', 'hurt', 'rape', 'stalk', 'beat', 'dox', 'track', 'hunt'],
  'I know where you live': ['know where'],
  'you should die': ['suck', 'waste', 'should die', 'deserve'],
  'wished harm': ['hope'],
  'eres una …': ['eres'],
  'vete a la mierda': ['vete', 'chinga', 'jodete', 'jodan', 'de puta', 'cago', 'maldita', 'callate'],
  'te voy a matar': ['te voy a', 'se donde'],
  'ojala te mueras': ['ojala', 'violen', 'matate'],
  'asking for nudes': ['send', 'show', 'give'],
  'what are you wearing': ['wearing'],
  'pictures of you': ['send'],
  'are you wet': ['wet', 'horny', 'naked', 'hard', 'touching'],
  'I am aroused': ['horny', 'hard', 'wet', 'touching myself', 'jerking', 'masturbat', 'stroking'],
  'touch my …': ['dick', 'cock', 'penis', 'pussy', 'tits', 'balls', 'ass'],
  'I want to have sex with you': ['fuck', 'bang', 'rape', 'eat out', 'finger', 'touch', 'kiss', 'lick', 'undress', 'suck'],
  "let's have sex": ['have sex', 'fuck', 'sext', 'hook up', 'naked', 'cyber'],
  sexting: ['sext', 'cyber'],
  'your body': ['tits', 'boobs', 'pussy', 'ass', 'body', 'lips', 'legs'],
  'you are sexy': ['sexy', 'hot', 'fuckable'],
  'describe your body': ['describe', 'tell me about'],
  'my dick': ['dick', 'cock'],
  'show me your body': ['show', 'send'],
  'describe it slowly': ['describe'],
  'if I touched you': ['touch', 'kiss', 'lick', 'grab', 'undress'],
  'you would like it': ['love it', 'like it', 'enjoy it', 'lap', 'face'],
  'mandame fotos': ['mandame', 'enviame', 'pasame'],
  'estoy caliente': ['puesto', 'caliente', 'cachond', 'excitado'],
  'quiero cogerte': ['quiero'],
  chupamela: ['chupamela', 'mamamela'],
};
for (const rule of abuseRules) rule.needs = ABUSE_NEEDS[rule.name];
