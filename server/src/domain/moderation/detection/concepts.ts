// A small bilingual lexicon of concepts (death, means, farewell, burden, wounds, danger, insults, sexual words…):
// the model weighs "a means of dying" once, so a noose it never saw in training counts like the rope it did.

/** Words as modelText writes them: lower case, accents folded, no apostrophes. */
const LEXICON: Record<string, string> = {
  death:
    'die dying died dead death suicide suicidal kill killing kms unalive unaliving ctb sewerslide overdose od morir morirme muerte muerto muerta matar matarme mato muero muera suicidio suicidarme suicidar suicida grave funeral dye dei deaths lethal deadly fatal bleed out sui unalived mueras morire moriria matare suicidare',
  life: 'live living alive life exist existing existence breathing vivir vivo viva vida existir seguir',
  wish: 'want wanna wish hope pray ready plan planning planned decided tempted quiero quisiera ojala ganas decidi planeando',
  means:
    'rope noose knot beam bridge roof rooftop ledge balcony tracks traffic cliff cliffs edge gun loaded bullet blade blades razor razors bleach garage engine exhaust jump jumping hang hanging drown cuerda puente azotea techo vias tren pistola cuchilla cuchillas navaja acantilado colgar colgarme tirarme aventarme saltar ahorcarme overpass platform train trains building floor charcoal tape bag carbon monoxide pistol rifle shotgun river lake sea ocean wall drive highway lanes freeway motorway rod hook belt cord rails razorblade sharpener knives azoteas edificio piso ventana rio mar carretera cinturon soga arma balazo',
  medication:
    'pills pill tablets tablet meds medication medicine capsules painkillers antidepressants sertraline zoloft prozac fluoxetine citalopram escitalopram lexapro paroxetine venlafaxine effexor mirtazapine bupropion wellbutrin trazodone amitriptyline xanax alprazolam klonopin klonopins clonazepam clona rivotril ativan lorazepam valium diazepam benzos zopiclone zolpidem ambien seroquel quetiapine lithium lamotrigine gabapentin pregabalin tylenol paracetamol acetaminophen panadol ibuprofen advil nurofen aspirin codeine tramadol oxy oxycodone percocet vicodin morphine fentanyl insulin adderall benadryl melatonin pastillas pastilla pildoras sertralina fluoxetina alprazolam clonazepam tylenols advils ibuprofens xans bars percs oxys benzo opioids opiates painkiller sleeping antidepressant pastis clonazepams paracetamoles ibuprofeno alprazolams rivotriles quetiapina litio',
  quantity: 'all whole entire bunch handful lot lots box bottle pack packet sheets month stash todas toda caja frasco blister monton stockpile stockpiling stockpiled saved saving hoarding counted strip strips double dozen juntando junte guardando guardo junto tableta',
  farewell: 'goodbye goodbyes bye farewell last final letters letter note notes will despedida despedi despedirme adios ultima ultimo carta cartas thank thanks video recorded wish funeral obituary instructions passwords password perdon perdonenme despido gracias testamento',
  burden: 'burden carga estorbo relieved happier waste drain drag weight space ruin ruining ruined deserve belong stop existing estorbar molestar molestia sobra sobro',
  giving: 'gave giving give away regale regalando regalar regalo handing handed sold selling homes home belongings stuff things transferred leaving repartí reparti repartiendo repartir deje dejando',
  pointless: 'point pointless worth sentido reason reasons razon razones meaning hopeless hope futile nada salida',
  soon: 'tonight now rn today tomorrow soon hoy manana noche ahorita ahora',
  body: 'arm arms wrist wrists thigh thighs leg legs stomach skin hip hips ankle ankles brazo brazos muneca munecas pierna piernas muslo muslos piel forearm forearms scalp knuckles face head hand hands chest shoulder ribs fingers cara cabeza mano manos pecho',
  wound: 'cut cuts cutting cutter bleed bleeding blood burn burned burnt burning scratch scratched scratching carve carved corte cortes cortar cortarme corto corte sangre sangrando sangra sangran quemaduras herida heridas slice sliced slit stab stabbed stabbing bled marks scabs picking carving punched punching banged bit biting bruise bruises rasgue rasguno cortando lastimo lastime lastimarme golpeo golpee quemo queme apuñale arañe arane sangro',
  selfword: 'myself mysef misma mismo',
  someone: 'he hes she shes they theyre him ex guy man someone somebody stranger driver uncle stepdad alguien tipo senor hombre taxista conductor',
  place: 'outside door window here downstairs hallway inside house apartment flat driveway parking building afuera puerta ventana aqui casa depa edificio cuarto',
  danger:
    'following followed banging knocking kicking coming locked trapped hiding hide hid blocking pinning choking strangling hitting smashing threatening spiked drugged roofied siguiendo sigue encerro encerrada escondida escondi golpeando drogaron pusieron echaron viene borracho drunk furious circling tailing tailed stalking stalked watching pushed grabbed threw thrown pinned dragged slapped punched choked unplugged stands blocks blocked dizzy slipped drugs drink roofie aventó persiguiendo persigue golpeo pego pegando agarro empujo ahorcando amenazo amenazando drogada mareada siguio',
  weapon: 'knife gun weapon pistol cuchillo pistola arma',
  belongings: 'keys phone passport wallet llaves celular telefono pasaporte cartera shoes car cards money documents zapatos carro coche dinero documentos',
  fear: 'scared afraid terrified help please miedo ayuda ayudame auxilio',
  you: 'you u ur your youre yourself urself ya tu te eres ti contigo',
  insult:
    'idiot stupid useless worthless pathetic moron dumb dumbass bitch cunt whore slut loser trash garbage joke retard retarded incompetent disgusting clueless waste twat prick idiota estupida estupido inutil pendeja pendejo puta zorra perra basura imbecil asco',
  profanity: 'fuck fucking fuckin fck fk shit damn hell piss mierda verga carajo joder chinga pinche',
  harm: 'raped rape suffer rot cancer choke hurt pay regret dox track hunt violen mueras atropelle',
  sexual:
    'sex sexy hot horny wet naked nude nudes noodz pics pic tits boobs ass pussy dick cock bed lingerie panties underwear kiss lick suck moan virgin sext sexting dirty turn fuckable caliente cachondo cachonda desnuda desnudo tetas culo coger cogerte follar follarte sexo pack rica buena',
  past: 'used ago years months once back then before hace antes cuando era',
  recovery: 'clean recovery recovered better therapy therapist anymore since survived scars proud stable cicatrices terapia limpia limpio',
  negation: 'not never no dont wont wouldnt cant didnt isnt nunca jamas ni',
  other: 'friend friends sister brother mom mum mother dad father cousin roommate daughter son girlfriend boyfriend classmate amiga amigo hermana hermano prima primo hija hijo mama papa himself herself themselves',
  routine: 'every daily morning mg prescribed prescription doctor dose dosis receta recetaron usual',
  first: 'i im ive id ill me my mine yo mi mis',
  end: 'end ending ended over done finish finished stop stopping acabar terminar acabo termino quit goodbye fin',
  sleep: 'sleep asleep wake waking forever despertar despierte dormir dormirme siempre',
  tired: 'tired exhausted done cansada cansado harta harto agotada agotado fighting sick',
  nobody: 'nobody noone anyone everyone everybody nadie todos todas',
  notice: 'notice miss care matter importa importaria extranaria echaria',
  gone: 'gone disappear disappeared vanish vanished desaparecer desaparezco ido',
  plan: 'plan plans planned ready decided method methods way ways how decidi listo lista',
  leave: 'leave leaving go out escape salir irme bajar',
  wear: 'wearing wear wore puesto llevas traes',
  show: 'see show send pic pics photo photos picture pictures selfie foto fotos mandame enviame manda mandar pasame',
  compliment: 'cute pretty beautiful gorgeous linda guapa bonita hermosa preciosa',
  dating: 'single date dating married novio novia',
  please: 'please pls plz porfa porfavor',
  idiom: 'traffic heat weather feet homework meeting boss laughing embarrassment coffee pizza monday mondays battery verguenza risa hambre sueno frio calor',
  mundane:
    'job work shift office class school uni college exam essay report lease rent flat city town band team church gym party wedding court hearing lawyer police parents roommate neighbour neighbor package delivery bus commute holiday vacation trabajo oficina clase escuela examen renta ciudad equipo fiesta boda juicio abogada abogado policia papas vecino vecina paquete repartidor camion metro',
};

export const CONCEPTS = Object.keys(LEXICON);
const conceptsOf = new Map<string, number[]>();
CONCEPTS.forEach((concept, id) => {
  for (const word of LEXICON[concept]!.split(' ')) {
    const list = conceptsOf.get(word) ?? [];
    if (!list.includes(id)) list.push(id);
    conceptsOf.set(word, list);
  }
});

/** Every lexicon word with its concept ids. */
export function conceptWords(): IterableIterator<[string, readonly number[]]> {
  return conceptsOf.entries();
}
