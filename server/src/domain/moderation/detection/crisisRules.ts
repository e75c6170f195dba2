// Crisis rules (from the survivor): the phrasings whose structure alone decides, each named for explanations.
import type { Rule } from './rules.js';

export const CRISIS_KINDS = ['suicide', 'self_harm', 'immediate_danger'] as const;
export type CrisisKind = (typeof CRISIS_KINDS)[number];

/** Medication names people take too many of (Crisis Text Line: medication names beat the word "suicide"). */
export const MEDICATIONS =
  'pills?|tablets?|meds|medication|medicine|capsules?|sleeping pills|painkillers|antidepressants|sertraline|zoloft|prozac|fluoxetine|' +
  'citalopram|escitalopram|lexapro|celexa|paroxetine|paxil|venlafaxine|effexor|duloxetine|cymbalta|mirtazapine|bupropion|wellbutrin|' +
  'trazodone|amitriptyline|nortriptyline|xanax|xannies|alprazolam|klonopins?|clonazepam|clona|rivotril|ativan|lorazepam|valium|diazepam|' +
  'benzos?|zopiclone|zolpidem|ambien|seroquel|quetiapine|olanzapine|lithium|lamotrigine|lamictal|gabapentin|pregabalin|lyrica|' +
  'tylenol|paracetamol|acetaminophen|panadol|ibuprofen|advil|nurofen|motrin|aspirin|naproxen|co-?codamol|codeine|tramadol|oxy|' +
  'oxycodone|oxycontin|percocet|vicodin|hydrocodone|morphine|fentanyl|methadone|insulin|adderall|ritalin|benadryl|diphenhydramine|' +
  'melatonin|metformin|propranolol|heart pills|pastillas|pildoras|pastis|clonazepam|tafil|diazepam|lexotan|orfidal|ibuprofenos?';
const MEDS = `(?:${MEDICATIONS})`;
/** The medication names as plain substrings ("pills?" is "pill", "co-?codamol" is "codamol"), for gates. */
export const MEDICATION_NEEDLES = MEDICATIONS.split('|').map((m) => m.replace(/^.*-\?/, '').replace(/.\?/g, ''));
const SUBJ_BE_NEEDLES = ["he'", 'hes', 'he is', "she'", 'shes', 'she is', "they'", 'theyre', 'they are'];
/** A count worth worrying about (five or more), or a whole supply. */
const MANY = String.raw`(?:[5-9]|[1-9]\d|[1-9]\d\d|all|all of|the whole|a whole|whole|an entire|the entire|entire|a bunch of|a handful of|handful of|a lot of|lots of|so many|too many|way too many|loads of|a box of|the box of|a bottle of|the bottle of|a pack of|the pack of|two sheets of|\d sheets of|my whole|all my|all of my|todas (?:mis |las )?|toda (?:la |mi )?|un monton de|una caja (?:entera )?de|un frasco (?:entero )?de|un blister (?:entero )?de)`;
const SUBJ_BE = String.raw`(?:he'?s|he is|hes|she'?s|she is|shes|they'?re|they are|theyre)`;

export const crisisRules: Rule<CrisisKind>[] = [
  // suicide: first-person wishes and plans
  { kind: 'suicide', name: 'wish or plan to kill oneself', pattern: /\b(kill|killing|end|ending|take|taking) (myself|my (own )?life)\b/, negatable: true },
  { kind: 'suicide', name: 'wish or plan to die', pattern: /\b(want|wanna|going|gonna|plan|planning|ready|tempted|trying|tried|wanted) (to )?(end (it all|it|everything|things)|not (be )?(here|alive))\b|\b(want|wanna|plan|planning|ready|tempted|trying|tried|wanted|need) (to )?die\b(?! (of|from|laughing|for|when|if|at|in (court|front)))|\b(going|gonna) (to )?die (tonight|today|soon|by my own|on purpose)\b/, negatable: true },
  { kind: 'suicide', name: 'wish to be dead', pattern: /\b(i wish|wish i) (was|were|could be) dead\b/ },
  { kind: 'suicide', name: 'wish not to exist', pattern: /\bwish i (had never been born|was never born|wasn'?t (here|alive)|could (just )?(disappear|vanish|stop existing|not exist)(?! (into|from|for|to|off|in|on)\b)( forever)?)\b/ },
  { kind: 'suicide', name: 'better off dead', pattern: /\b(better off|be better) (dead|without me)\b/, negatable: true },
  { kind: 'suicide', name: 'not wanting to live', pattern: /\b(don'?t|do not|dont|never) (want|wanna) (to )?(live|be alive|exist|wake up|be here)( anymore| any more)?\b(?! (with|in|at|near|for|there|when|alone|here in|on this|to see|with my|during|early|so early|tomorrow for|at \d))/ },
  { kind: 'suicide', name: 'no reason to live', pattern: /\bno (reason|point) (to|in) (live|living|go on|going on|being alive|stay|staying alive|keep living)\b/ },
  { kind: 'suicide', name: 'cannot go on', pattern: /\bcan'?t (go on|keep going|keep living)( like this| anymore| any more)?\b(?! (at|in|with|to|like this at|in the same|with him|at work|at this))/ },
  { kind: 'suicide', name: 'sleep and never wake', pattern: /\b(go to sleep|fall asleep|sleep) and (never|not) wake up\b/ },
  { kind: 'suicide', name: 'suicidal', pattern: /\bsuicidal\b/, negatable: true, firstPersonOnly: true },
  { kind: 'suicide', name: 'thinking about suicide', pattern: /\b(thinking|thought|thoughts|think) (about|of) (suicide|killing myself|ending it(?! with| between| off))\b/, negatable: true },
  { kind: 'suicide', name: 'suicide attempt', pattern: /\b(attempt|attempted|attempting|commit|committing) suicide\b/, negatable: true, firstPersonOnly: true },
  { kind: 'suicide', name: 'overdose', pattern: /\b(overdose|overdosing|hang myself|hanging myself|(?<!go )jump (off|from) (a|the|this) (bridge|building|roof|balcony))\b/, negatable: true, firstPersonOnly: true },
  { kind: 'suicide', name: 'goodbye or note', pattern: /\b(this is (my )?goodbye|goodbye forever|(wrote|writing|written) (a|my) (suicide )?note)\b/ },
  // suicide: passive wishes and preparations, said sideways ("everyone would be happier if I was gone")
  { kind: 'suicide', name: 'saying goodbye to people', pattern: /\b(started|been|keep|going around) saying goodbyes? to (people|everyone|everybody|friends|my (friends|family|kids|children|parents|mom|mum|dad|sister|brother|cat|dog))\b/ },
  { kind: 'suicide', name: 'others better without me', pattern: /\b(happier|better off|easier|relieved) if i (was|were|wasn'?t|weren'?t) (gone|dead|here|around|alive)\b/ },
  { kind: 'suicide', name: 'nobody would notice if I died', pattern: /\b(notice|care|miss me|mind) if i (disappeared|vanished|was gone|were gone|died|was dead|were dead|wasn'?t here|weren'?t here|wasn'?t around|killed myself)\b/ },
  { kind: 'suicide', name: 'giving things away', pattern: /\b(giving|gave|give) away (all )?(of )?(my|all my) (things|stuff|belongings|possessions)\b|\bwon'?t need (them|it|anything|any of (it|this|them)) where i'?m going\b/ },
  { kind: 'suicide', name: 'saving up pills', pattern: new RegExp(String.raw`\b(pills|tablets|meds|medication) (saved|stashed|stockpiled|hidden)\b|\b(saving|saved|stockpiling|stockpiled|hoarding|hoarded|stashing|stashed|been saving|been guarding|guardando|juntando|he guardado|tengo guardadas) (up )?(my |some |the |a lot of |enough |all my )?${MEDS}\b`) },
  { kind: 'suicide', name: 'not waking up', pattern: /\b(think|thinking|thought|wish|want|hope|dream|dreaming|pray) (about |of |that )?(i )?(just )?(not|never|don'?t|dont) (waking|wake) up\b|\b(want|wanna|wish i could|going to|gonna) (to )?(sleep|rest) forever\b/ },
  { kind: 'suicide', name: 'how many pills would it take', pattern: new RegExp(String.raw`\b(how many|enough|how much) (mg of |of (my|the|these|those) )?${MEDS}\b.{0,30}\b(it would take|would it take|does it take|it takes|to (kill|die|end it|overdose|not wake)|is lethal|are lethal|is enough|para morir|para no despertar|hacen falta)\b|\bis \d+ ${MEDS} enough\b`) },
  { kind: 'suicide', name: 'wanting it all to stop', pattern: /\bwant (it all|everything|all of it) to (stop|end)\b(?! (hurting|being)|,? the )|\bwant it to (stop|end) (forever|for good|permanently)\b/, negatable: true },
  { kind: 'suicide', name: 'no way out but death', pattern: /\bno (way out|escape|other way)\b.{0,30}\b(ending it|end it|dying|death|die)\b/ },
  { kind: 'suicide', name: 'not here tomorrow', pattern: /\bin case i'?m not (here|around|alive) (tomorrow|anymore|any more|much longer)\b|\b(goodbye|farewell) (letters?|notes?|messages?)\b(?! to (my old (self|life)|him|her|my ex|my abuser|myself))/ },
  // suicide: an overdose taken or at hand, named by a count and a medication
  { kind: 'suicide', name: 'overdose: a count of medication', pattern: new RegExp(String.raw`\b(took|taken|take|taking|swallowed|swallow|swallowing|downed|popped|washed down|have|got|holding|counted out|me tome|me trague|tome|trague|me voy a tomar|voy a tomar|tomarme|tengo)\b.{0,12}\b${MANY}\s?(of )?(my |the |his |her |mi |mis |de )?(mom'?s |moms |dad'?s |dads |mum'?s |grandma'?s |mama |mamá )?(\w+ )?${MEDS}\b`), negatable: true, firstPersonOnly: true },
  { kind: 'suicide', name: 'overdose: a whole supply', pattern: new RegExp(String.raw`\b(took|swallowed|downed|taken|me tome|me trague|me acabo de tomar|acabo de tomar)\b.{0,12}\b(the whole|a whole|whole|an entire|the entire|my whole|toda la|todo el) (bottle|pack|box|packet|month|caja|frasco|mes|blister)\b`) },
  { kind: 'suicide', name: 'od', pattern: /\b(going to|gonna|want to|wanna|planning to|plan to|about to|i'?ll|might) od\b|\bi think i'?m going to od\b/ },
  // suicide: burden, pointlessness, last words, leaving things in order
  { kind: 'suicide', name: 'a burden to everyone', pattern: /\b(burden|carga|estorbo|waste of space|waste of oxygen) (to|for|on|para|de|a)? ?(everyone|everybody|all of them|todos|todo el mundo|my (whole )?family|mi familia|the world|everyone i love|the people i love|los que quiero)\b(?! (when|cuando|with this|con esto|a veces))|^(i'?m|im|i am|soy)( just| only| such| nothing but| solo)? (a|an|una|un) (burden|carga|estorbo)[.! ]*$/ },
  { kind: 'suicide', name: 'what is the point of living', pattern: /\b(what'?s|whats|what is) (even |really )?the point (of|in) (living|being alive|life|me|my life|going on|staying alive|waking up|being here|existing|trying to live|me being here|me even living)\b|\bpara (que|qué) (vivir|seguir viviendo|sigo viviendo|seguir aqui|existo|sigo aqui|sigo)\b(?! (con|en|aqui en|trabajando))|\bno (le )?(veo|encuentro) (sentido|caso) (a|de) (vivir|la vida|seguir|existir)\b|\b(la vida|mi vida) (no vale (la pena|nada)|no tiene sentido)\b|\b(life|my life|living) (isn'?t|is not|aint) worth (it|living)\b|\bliving is pointless\b|\bnothing (left )?(to live for|worth (living|staying) for)\b/ },
  { kind: 'suicide', name: 'last message or night', pattern: /\b(this is|this will be|esta es|esto es|sera)( my| mi| the| our)? (last|final|ultima|ultimo) (message|night|time (we'?ll|i'?ll|we) (talk|speak|write)|goodbye|despedida|noche|mensaje|vez que (hablo|hablamos|escribo))\b(?! (for (tonight|now|today)|tonight|before (bed|i sleep)|por hoy|con (la|el) (psicologa|terapeuta)))|\b(you'?re|you are|eres) (the|la) (last|ultima) (person|persona) (i'?m|i am|im|i'?ll be|con la que|que) ?(talking|speaking|hablo|voy a hablar|hablare)?\b|\besto es una despedida\b|\b(know|say (bye|goodbye|thank you|thanks)|thank (you|someone)) before i go\b(?! to (bed|sleep|work|school))/ },
  { kind: 'suicide', name: 'tell my family I love them', pattern: /\btell my (mom|mum|mother|dad|father|sister|brother|kids|children|family|partner|friends|grandma|gran|nan|little \w+|baby \w+) (i'?m sorry|i love|that i love|i loved|mommy loved|daddy loved|i'?m so sorry|it wasn'?t)\b|\bdile a mi (mama|madre|papa|padre|hermana|hermano|hija|hijo|familia|abuela|novio|novia) que (la|lo|los|las) (quiero|amo|quise)\b|\bdile a mi \w+ que (perdon|lo siento)\b/ },
  { kind: 'suicide', name: 'not around much longer', pattern: /\b(won'?t|will not|wont|not going to|not gonna) be (here|around|alive) (much longer|for long|tomorrow|by (tomorrow|christmas|next week|the weekend)|next (week|month|year)|to see)\b|\b(time for me to go|my time to go)\b.{0,12}\b(for good|forever|permanently)\b|\bya no voy a estar( aqui)?( mucho tiempo| manana)?\b(?! (en|con|trabajando|ahi))/ },
  { kind: 'suicide', name: 'giving things away before going', pattern: /\b(gave|giving|give|given|left|leaving|regale|regalando|le di|le deje|dejando)\b.{0,40}\b(won'?t need (it|them|any of (it|this|them))|won'?t be (here|around|needing)|(after|when) i'?m gone|for when i'?m (gone|not here)|ya no (las|los|la|lo|me) (voy a )?(necesit|van a hacer falta|hace falta)|ya no voy a estar|cuando (ya )?no este|para cuando no este|donde voy no)/ },
  { kind: 'suicide', name: 'whole supply about to be taken', pattern: new RegExp(String.raw`\b(going to|gonna|about to|will|voy a|me voy a)\b.{0,10}\b(take|swallow|tomarme|tomar|tragarme)\b.{0,8}\b(all|the whole|a whole|every|todas|todo el|toda la)\b.{0,12}\b(${MEDS}|frasco|caja|bottle|pack|blister)\b`) },
  { kind: 'suicide', name: 'thinking about death', pattern: /\b(can'?t stop|keep|always|constantly) thinking (about|of) (dying|death|my death|being dead)\b(?! in general|,? not mine)|\bpienso (en la muerte|en morir(me)?) (todo el tiempo|siempre|cada (dia|noche)|mucho)\b/ },
  // suicide: chat slang
  { kind: 'suicide', name: 'kms / unalive / ctb', pattern: /\b(kms|unalive myself|unaliving myself|unalive|unaliving|ctb|sewer ?slide|sewerslide)\b/, firstPersonOnly: true },
  // suicide, Spanish: the pronoun before the verb is first person by grammar ("me voy a matar")
  { kind: 'suicide', name: 'me voy a matar', pattern: /\bme (voy a|quiero|kiero|queria|gustaria|dan ganas de|estoy por|pienso) (matar|morir|suicidar|quitar la vida|ir de este mundo|colgar|ahorcar|tirar (del|de la|por la|a las)|aventar)\b(?! de (la )?(verguenza|risa|hambre|sueno|frio|calor|ganas|nervios|cansancio|miedo|amor|envidia))/, negatable: true },
  { kind: 'suicide', name: 'ya no aguanto, desaparecer', pattern: /\bya no (aguanto|puedo) mas\b.{0,40}\b(desaparecer|morir(me)?|dormir para siempre|no despertar|dejar de existir)\b|\bdormir para siempre\b|\bno despertar (nunca|mas|jamas)\b|\b(ojala|quisiera) (no despertar|morirme|estar muert[oa]|me muriera|no existir)\b/ },
  { kind: 'suicide', name: 'quiero morir', pattern: /\b(quiero|quisiera|voy a|pienso en|pensando en|ganas de|decidi|planeando) (morir(me)?|matarme|suicidarme|quitarme la vida|desaparecer para siempre|acabar con mi vida|terminar con mi vida|dejar de existir)\b(?! de (la )?(verguenza|risa|hambre|sueno|frio|calor|ganas|nervios|cansancio|miedo|amor|envidia))/, negatable: true },
  { kind: 'suicide', name: 'no quiero vivir', pattern: /\bno quiero (vivir|seguir viviendo|estar viva|estar vivo|despertar|seguir aqui|seguir con vida|existir)\b(?! (con|en|aqui en|cerca|ahi|alla|asi con))/ },
  { kind: 'suicide', name: 'acabar con todo', pattern: /\b(acabar|terminar) con (mi vida|todo)\b/, negatable: true },
  { kind: 'suicide', name: 'estarian mejor sin mi', pattern: /\b(estaria|estarian|estarias|estaran|estarían) mejor (muert[oa]|sin mi|si (me muero|no estoy|yo no estuviera))\b/ },
  { kind: 'suicide', name: 'suicidarme', pattern: /\b(suicidarme|matarme|quitarme la vida|me mato(?! (de|tu|el|la|con))|me suicido)\b/, negatable: true },
  { kind: 'suicide', name: 'suicida', pattern: /\b(?<!(prevencion|prevention|sobre el|about) (del )?)(suicid(a|io)|ideas suicidas|pensamientos suicidas)\b/, negatable: true, firstPersonOnly: true },
  // self-harm
  { kind: 'self_harm', name: 'hurting oneself', pattern: /\b(cut|cutting|burn|burning|burnt|burned|hurt|hurting|harm|harming|harmed|punish|punishing|punished|scratch|scratching|scratched|starve|starving|hit|hitting|bit|biting|stabbed|carved|carving) myself\b(?! off| out| away| up for)/, negatable: true },
  { kind: 'self_harm', name: 'cutting again', firstPersonOnly: true, pattern: /\bi (cut|cutted|burned|burnt)( myself)? (again|last night|tonight|today|deep|deeper|so deep|too deep|earlier)\b|\b(gave in and|relapsed and|ended up|i) cut( again)?[.! ]*$|^cut(ting)? again\b|\bcutting again\b|\b(urges?|want|wanna|need|going|gonna|about) (to )?cut\b(?! (ties|him|her|them|my (hair|nails|finger)|back|off|down|the|out|class|it|this|through|in line|a|some|corners|people))|\b(need|want|wanna) to (bleed|see blood|feel (physical )?pain)\b|\bmade myself bleed\b/, negatable: true },
  { kind: 'self_harm', name: 'self-harm', pattern: /(?<!\b(about|on|asking if|asked if|asks if|talked about|lecture on|class on|if i'?d|whether i'?d|if i had|if i ever) )\bself[- ]?(harm|harming|harmed|injury|injure|injuring)\b/, negatable: true, firstPersonOnly: true },
  { kind: 'self_harm', name: 'sh (slang)', pattern: /\b(did|doing|done|do|relapsed on|relapse on|urges? to|want to|wanna|need to|sh) sh\b|\bsh (again|urges?|relapse|tonight|is)\b|^sh\b/ },
  { kind: 'self_harm', name: 'relapse into self-harm', pattern: /\b(relapsed?|relapsing) (on|into|with) (cutting|self[- ]?harm|sh)\b/ },
  // self-harm: a blade and the body, with nobody else as the subject ("he held a knife to my arm" is not this)
  { kind: 'self_harm', name: 'a blade and my body', pattern: /\b(razor|blade|knife|scissors|lighter|cuchilla|navaja)\b.{0,40}\bmy (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hip|hips|ankle|ankles)\b|\bmy (arm|arms|wrist|wrists|thigh|thighs|legs|skin|stomach)\b.{0,40}\b(razor|blade)\b/, firstPersonOnly: true },
  { kind: 'self_harm', name: 'fresh cuts on my body', pattern: /\b(fresh|new|deep|more) (cuts|burns|wounds|scratches) (on|all over|in) my (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hip|hips|ankle|ankles|body)\b|\bmy (arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hips?) (is|are) (covered in|full of|all) (cuts|burns|cut up|scratches|blood)\b/ },
  // self-harm, Spanish
  { kind: 'self_harm', name: 'cortarme', pattern: /\b(cortarme|me corto|me he cortado|me corte|me volvi a cortar|hacerme dano|me hago dano|me hice dano|lastimarme|autolesion(arme|es|o)?|me autolesiono|me autolesione|me queme|me lastime|me rasgune|me golpee|me hice cortes)\b(?! (el|la|los|las|mi|mis) (pelo|cabello|fleco|flequillo|unas|tobillo|rodilla|espalda|pie|pies|mano|cuello|hombro|dedo|dedos))/, negatable: true },
  // "me pego" is also "he hits me": only with the intent said
  { kind: 'self_harm', name: 'me lastimo a mi misma', pattern: /\b(me lastimo|me quemo|me rasguno|me pego|me golpeo)\b.{0,30}\b(a mi misma|a mi mismo|a proposito|hasta sangrar|cuando me acuerdo|para no sentir|contra la pared)\b/, negatable: true },
  { kind: 'self_harm', name: 'cortes en mi cuerpo', pattern: /\b(cortes|heridas|quemaduras) (nuevos|nuevas|frescos|profundos)? ?(en|por) (los|las|mis|el|la|mi) (brazos?|munecas?|piernas?|muslos?|panza|estomago|piel)\b|\b(los|las|mis) (brazos|munecas|piernas|muslos) (llenos|llenas) de cortes\b/ },
  // immediate danger: typed with or without apostrophes ("hes here", "im hiding")
  { kind: 'immediate_danger', name: 'someone at the door', pattern: new RegExp(String.raw`\b(${SUBJ_BE}|(he|she|they|my ex|someone|somebody|a man|a guy|theres a (man|guy)|there'?s a (man|guy))( is)?)( parked| waiting for me| waiting| standing| sitting| hanging around| still| right)? ((outside|in front of|across from) (my|the) (door|front door|house|home|window|apartment|flat|room|car|building|work|office|school|place|dorm|dorm room|street)|(?<!(someone|somebody|theres someone|there'?s someone)( is)? )at (my|the) (door|front door|window|house|apartment|flat|dorm|room|place))\b(?! with a| to (deliver|drop|pick))`) },
  { kind: 'immediate_danger', name: 'on the way now', pattern: new RegExp(String.raw`\b${SUBJ_BE} (coming|on (his|her|their) way)( (back|over|here|for me|home|up the stairs))*( right)? (now|rn|tonight)\b`) },
  { kind: 'immediate_danger', name: 'here now', pattern: new RegExp(String.raw`\b${SUBJ_BE} (here|in the house|inside|in my (house|room|flat|apartment)|downstairs|in the hallway|in the next room|back)( right)?( now| rn)?\b(?! (for|from|with|on|in (the|another|a) (city|country|state)|in the same|next week|tomorrow|at (the|a|work|his|her)|watching|sleeping|asleep|eating|working|doing|playing|on (his|the) (phone|computer|laptop))| \w+ (watching|sleeping|asleep|playing))`) },
  { kind: 'immediate_danger', name: 'on the way, drunk or angry', pattern: new RegExp(String.raw`\b${SUBJ_BE} (on (his|her|their) way|coming)( over| here| back| home)?\b.{0,60}\b(drunk|angry|mad|furious|high|raging|wasted|yelling|screaming)\b|\b(drunk|angry|furious|raging|wasted)\b.{0,60}\b${SUBJ_BE} on (his|her|their) way\b`) },
  { kind: 'immediate_danger', name: 'threat to kill or hurt me', pattern: /\b(he|she|they|hes|shes|theyre|my ex|him|he'?ll|she'?ll|they'?ll)\b.{0,30}\b(going to|gonna|will|'ll|is gonna|is going to|threatened to|threatens to|threatening to|he'?ll|she'?ll) (kill|hurt|rape|beat|attack|find|strangle|shoot|stab|finish) me\b(?! if (he|she|they) (finds?|ever|found|gets out|sees))|\b(says|said) (he|she)'?(ll|d| will| would) (kill|hurt|rape|beat|attack|find|strangle|shoot|stab) me\b/ },
  { kind: 'immediate_danger', name: 'not safe', pattern: /\bi('m| am|m) (not safe|in danger|scared for my life|afraid for my life|hiding from (him|her|them)|trapped|locked in|stuck in (his|her|their|the) (car|house|room|flat|apartment))\b(?! (in )?(a|an|this|my|the) (job|contract|relationship|marriage|lease|loop|cycle|body|own)| at (parties|work))|\bim (not safe|in danger|scared for my life|afraid for my life|trapped|locked in)\b(?! (in )?(a|an|this|my|the) (job|contract|relationship|marriage|lease|loop|cycle|body|own)| at (parties|work))/ },
  { kind: 'immediate_danger', name: 'unsafe now', pattern: /\b(not safe|unsafe) (right now|here|at home|tonight|now)\b/ },
  { kind: 'immediate_danger', name: 'armed', pattern: /\b(he|she|they) (has|have|got|is holding|pulled|pulled out|has got|grabbed) a (gun|knife|weapon|bat)\b|\b(he|she|they)'?s? (got|has) a (gun|knife)\b/ },
  { kind: 'immediate_danger', name: 'locked in', pattern: /\b(locked|trapped) me in\b/ },
  { kind: 'immediate_danger', name: 'hiding now', pattern: /\bi('m| am|m)? hiding (in|under|behind|inside) (the|a|my) (bathroom|closet|wardrobe|car|basement|cupboard|attic|shed|garage|toilet|bed|laundry room)\b|\b(i'?m|im|i am) hiding( right)? (now|rn|and)\b|^im hiding\b/ },
  { kind: 'immediate_danger', name: 'breaking in', pattern: new RegExp(String.raw`\b${SUBJ_BE} (banging|pounding|kicking|hammering|smashing|knocking)( on| at| in| down)? (the|my) (door|window|front door)\b|\b${SUBJ_BE} (trying to (break|kick|get) (in|into|the door down)|kicking the door in|smashing the door)\b|\b${SUBJ_BE} (outside|at the door)\b.{0,40}\b(trying to get in|screaming|yelling|banging)\b|\b(someone|somebody|he|she) (is |'s )?trying to (get|break) into my (house|apartment|flat|room|place)\b|\bhe broke in\b`) },
  { kind: 'immediate_danger', name: 'being hurt now', pattern: new RegExp(String.raw`\b${SUBJ_BE} (hitting|beating|choking|strangling|hurting|attacking|pinning) me\b|\b(he|she) just (hit|punched|slapped|choked|attacked|kicked|threw (a |the |his |her )?\w+ at) me\b`) },
  { kind: 'immediate_danger', name: 'being followed', pattern: /\b(someone|somebody|some ?1|a (man|guy|car|van|stranger)|he|she|they|this guy|the guy|the man|a group of \w+)( is|'s| has been| keeps| kept| was)? (following|followed|been following) me\b(?! (on|in|around) (insta|instagram|ig|twitter|tiktok|social|facebook|fb|snap|snapchat|twitch|everything|the house|my (dream|dreams|head|mind|sleep))| everywhere in my| in my (dream|dreams|head|mind|sleep))|\b(i'?m|i am|im|i think i'?m) being followed\b/ },
  { kind: 'immediate_danger', name: 'kept from leaving', pattern: /\b(won'?t|wont|will not|doesn'?t|isn'?t|not) (let|letting) me (leave|go|out|get out|go home)\b|\bhe'?s blocking the door\b/ },
  { kind: 'immediate_danger', name: 'keys or phone taken', pattern: /\b(he|she|they|my ex|my (husband|boyfriend|partner|bf|stepdad|dad)|the guy|the man|the driver)( just)? (took|has taken|has|hid|hidden|stole|grabbed|smashed|broke|took away|has hidden|hid away)( away)? (my|all my) (keys|car keys|phone|passport|wallet|id)\b(?! (number|passcode|password|bill|pin))/ },
  { kind: 'immediate_danger', name: 'drink spiked', pattern: /\b(spiked my drink|(?<!(if|whether) )my drink (was|got|has been) spiked|(?<!(if|whether) )drink spiked|been (drugged|roofied)|got (drugged|roofied)|(i think|think) i (was|got) drugged|put something in my (drink|glass|cup)|something (was )?in my drink|i feel drugged)\b/ },
  { kind: 'immediate_danger', name: 'I can hear him', pattern: /\bi can hear (him|her|them) (downstairs|outside|in the|at the|trying|coming|yelling|screaming|banging|on the stairs|walking)\b|\b(he|she) (just )?(found|tracked) me\b(?! on)|\b(he|she)'?s? (\d+|five|ten|two|a few) (minutes?|mins?) away\b|\b(he|she|they)'?s? waiting for me (outside|at|in front|by)\b|\bhe (just )?(walked|came|got) (in|home|back)\b.{0,30}\b(drunk|angry|mad|furious|have to go|gotta go|scared)\b/ },
  { kind: 'immediate_danger', name: 'the drink he gave me', pattern: /\b(drinks?) (he|she|they|someone|the guy|the man|this guy) (gave|bought|handed|made) me\b.{0,50}\b(weird|dizzy|strange|spinning|can'?t (move|think|stand|see)|blurry|drugged|sick|woozy)\b|\b(my|the) drink tasted (funny|weird|strange|off|bitter)\b.{0,40}\b(spinning|dizzy|weird|can'?t|blurry)\b|\bi think someone put something in it\b|\bwoke up in (a stranger'?s|his|some guy'?s) (house|flat|bed|apartment|room) and (i )?(don'?t|can'?t) (know|remember)\b/ },
  // immediate danger, Spanish
  { kind: 'immediate_danger', name: 'me va a matar', pattern: /(?<!\b(este|esta|estos|estas|el|la|mi|tu) \w{2,15} )\b(me va a|me quiere|me vas a|amenazo con|amenaza con|dice que me va a|dijo que me iba a|miedo de que me) (matar|mate|pegar|pegue|violar|hacer dano|hacerme dano|encontrar|golpear|golpee)\b|\bme (acaba de|esta|estan) (pegar|golpear|ahorcar|pegando|golpeando|ahorcando|amenazando|lastimando)\b|\bme agarro del cuello\b|\bsi (salgo|me voy|grito|llamo a alguien) me (mata|pega)\b/ },
  { kind: 'immediate_danger', name: 'estoy en peligro', pattern: /\b(no estoy a salvo|estoy en peligro|corro peligro|tengo miedo por mi vida|temo por mi vida|no estoy segura aqui|no estoy seguro aqui)\b/, negatable: true },
  { kind: 'immediate_danger', name: 'esta afuera', pattern: /^(ya )?(esta|llego,? esta|ya llego,? esta) (aqui|afuera)\b|(?<!(policia|patrulla|policias|mama|mami|tia|amiga|hermana) )\b(esta|estan|ya esta) (afuera|fuera|aqui afuera) de (mi|la) (puerta|casa|ventana|cuarto|trabajo|depa|departamento)\b|\besta (golpeando|pateando|intentando abrir) (la|mi) (puerta|ventana)\b|\b(esta|ya esta) en (la|mi) puerta\b/ },
  { kind: 'immediate_danger', name: 'tiene un arma', pattern: /\btiene (un|una) (arma|cuchillo|pistola|navaja)\b/ },
  { kind: 'immediate_danger', name: 'me encerro', pattern: /\bme (encerro|tiene encerrad[ao])\b|\bno me deja (salir|irme|ir|bajar)\b/ },
  { kind: 'immediate_danger', name: 'me siguen', pattern: /\b(me (esta|estan|viene|vienen) siguiendo|alguien me sigue|me sigue (un|una|alguien))\b/ },
  { kind: 'immediate_danger', name: 'me quito las llaves', pattern: /(?<!(mama|mami|madre|papa|papi|padre|maestra|maestro|escuela|profe|profesora|profesor) )\bme (quito|escondio|robo) (las llaves|mis llaves|el celular|mi celular|el telefono|mi telefono|el cel|mi cel)\b/ },
  { kind: 'immediate_danger', name: 'me drogaron', pattern: /\b(me drogaron|me (pusieron|echaron) algo en (la bebida|el trago|el vaso|mi bebida))\b/ },
  { kind: 'immediate_danger', name: 'estoy escondida', pattern: /\b(estoy escondid[ao]|me escondi) (en|debajo)\b(?! (el|la) \w+ (del|de la) (trabajo|oficina|escuela|uni))/ },
];

/**
 * Words at least one of which every match of a rule contains: a rule whose words are all absent is not run at all.
 * Most messages are in no crisis, and scanning eighty patterns through each of them cost more than the rest of the
 * screen together. A test checks over the whole corpus that a gate never hides a match.
 */
const CRISIS_NEEDS: Record<string, readonly string[]> = {
  'wish or plan to kill oneself': ['myself', 'my life', 'my own life'],
  'wish or plan to die': [' end', 'die', 'not '],
  'wish to be dead': ['dead'],
  'wish not to exist': ['wish i'],
  'better off dead': ['better'],
  'not wanting to live': ['live', 'alive', 'exist', 'wake up', 'be here'],
  'no reason to live': ['no reason', 'no point'],
  'cannot go on': ['go on', 'keep going', 'keep living'],
  'sleep and never wake': ['wake up'],
  suicidal: ['suicidal'],
  'thinking about suicide': ['suicide', 'killing myself', 'ending it'],
  'suicide attempt': ['suicide'],
  overdose: ['overdos', 'hang', 'jump'],
  'goodbye or note': ['goodbye', 'note'],
  'saying goodbye to people': ['saying goodbye'],
  'others better without me': [' if i '],
  'nobody would notice if I died': [' if i '],
  'giving things away': ['away', 'need'],
  'saving up pills': MEDICATION_NEEDLES,
  'not waking up': ['wake', 'waking', 'forever'],
  'how many pills would it take': MEDICATION_NEEDLES,
  'wanting it all to stop': ['to stop', 'to end'],
  'no way out but death': ['no way out', 'no escape', 'no other way'],
  'not here tomorrow': ['not here', 'not around', 'not alive', 'goodbye', 'farewell'],
  'overdose: a count of medication': MEDICATION_NEEDLES,
  'overdose: a whole supply': ['whole', 'entire', 'toda la', 'todo el'],
  od: [' od'],
  'a burden to everyone': ['burden', 'carga', 'estorbo', 'waste of'],
  'what is the point of living': ['point', 'para que', 'sentido', 'caso', 'vale', 'worth', 'nothing'],
  'last message or night': ['last', 'final', 'ultim', 'despedida', 'before i go'],
  'tell my family I love them': ['tell my', 'dile a mi'],
  'not around much longer': ['be here', 'be around', 'be alive', 'time for me to go', 'my time to go', 'no voy a estar'],
  'giving things away before going': ["won't need", 'wont need', "won't be", 'wont be', 'gone', 'necesit', 'falta', 'no voy a estar', 'no este', 'donde voy'],
  'whole supply about to be taken': [...MEDICATION_NEEDLES, 'frasco', 'caja', 'bottle', 'pack', 'blister'],
  'thinking about death': ['thinking', 'pienso'],
  'kms / unalive / ctb': ['kms', 'unaliv', 'ctb', 'slide'],
  'me voy a matar': ['me voy', 'me quiero', 'me kiero', 'me queria', 'me gustaria', 'me dan ganas', 'me estoy por', 'me pienso'],
  'ya no aguanto, desaparecer': ['aguanto', 'puedo mas', 'para siempre', 'despertar', 'ojala', 'quisiera'],
  'quiero morir': ['morir', 'matar', 'suicid', 'quitarme', 'desaparecer', 'acabar', 'terminar', 'existir'],
  'no quiero vivir': ['no quiero'],
  'acabar con todo': ['acabar con', 'terminar con'],
  'estarian mejor sin mi': ['mejor'],
  suicidarme: ['suicid', 'matarme', 'quitarme', 'me mato'],
  suicida: ['suicid'],
  'hurting oneself': ['myself'],
  'cutting again': ['cut', 'burn', 'bleed', 'blood', 'pain'],
  'self-harm': ['self'],
  'sh (slang)': ['sh'],
  'relapse into self-harm': ['relaps'],
  'a blade and my body': ['razor', 'blade', 'knife', 'scissors', 'lighter', 'cuchilla', 'navaja'],
  'fresh cuts on my body': ['cuts', 'burns', 'wounds', 'scratch', 'cut up', 'blood'],
  cortarme: ['cort', 'dano', 'lastim', 'autolesion', 'queme', 'rasgune', 'golpee'],
  'me lastimo a mi misma': ['me lastimo', 'me quemo', 'me rasguno', 'me pego', 'me golpeo'],
  'cortes en mi cuerpo': ['cortes', 'heridas', 'quemaduras'],
  'someone at the door': ['outside', 'in front of', 'across from', ' at my', ' at the'],
  'on the way now': SUBJ_BE_NEEDLES,
  'here now': SUBJ_BE_NEEDLES,
  'on the way, drunk or angry': SUBJ_BE_NEEDLES,
  'threat to kill or hurt me': ['kill me', 'hurt me', 'rape me', 'beat me', 'attack me', 'find me', 'strangle me', 'shoot me', 'stab me', 'finish me'],
  'not safe': ['not safe', 'in danger', 'for my life', 'hiding from', 'trapped', 'locked in', 'stuck in'],
  'unsafe now': ['not safe', 'unsafe'],
  armed: ['gun', 'knife', 'weapon', ' bat'],
  'locked in': ['me in'],
  'hiding now': ['hiding'],
  'breaking in': [...SUBJ_BE_NEEDLES, 'trying to', 'broke in'],
  'being hurt now': [...SUBJ_BE_NEEDLES, 'just'],
  'being followed': ['follow'],
  'kept from leaving': ['let me', 'letting me', 'blocking the door'],
  'keys or phone taken': ['keys', 'phone', 'passport', 'wallet', ' id'],
  'drink spiked': ['spiked', 'drugged', 'roofied', 'something in my', 'in my drink'],
  'I can hear him': ['hear', 'found me', 'tracked me', 'away', 'waiting for me', 'walked', 'came', 'got in', 'got home', 'got back'],
  'the drink he gave me': ['drink', 'put something in it', 'woke up in'],
  'me va a matar': ['matar', 'mate', 'pegar', 'pegue', 'violar', 'dano', 'encontrar', 'golpe', 'ahorcar', 'amenazando', 'lastimando', 'pegando', 'cuello', 'me mata', 'me pega'],
  'estoy en peligro': ['salvo', 'peligro', 'mi vida', 'segura aqui', 'seguro aqui'],
  'esta afuera': ['esta', 'llego'],
  'tiene un arma': ['tiene un'],
  'me encerro': ['encerr', 'no me deja'],
  'me siguen': ['siguiendo', 'me sigue'],
  'me quito las llaves': ['me quito', 'me escondio', 'me robo'],
  'me drogaron': ['drogaron', 'algo en'],
  'estoy escondida': ['escondi'],
};
for (const rule of crisisRules) rule.needs = CRISIS_NEEDS[rule.name];
