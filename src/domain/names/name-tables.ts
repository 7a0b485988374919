/**
 * Word lists for reading names: titles and roles that precede (or follow) a name, name
 * particles, and very common surnames. Lists are lower-case; Cyrillic titles are stems
 * because Russian declines them ("президента Назарбаева", "активисту Бокаеву").
 */

/** English titles, honorifics and roles, without a final dot. */
const EN_TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady',
  'president', 'ex-president', 'vice-president', 'vice', 'prime', 'minister', 'premier',
  'foreign', 'interior', 'defence', 'defense', 'justice', 'deputy', 'senator', 'mp', 'mayor',
  'akim', 'governor', 'chairman', 'chairwoman', 'chair', 'head', 'chief', 'leader', 'director',
  'secretary', 'general', 'gen', 'colonel', 'col', 'lt', 'lieutenant', 'major', 'maj', 'captain',
  'capt', 'sergeant', 'sgt', 'officer', 'judge', 'prosecutor', 'investigator', 'lawyer',
  'attorney', 'advocate', 'activist', 'journalist', 'reporter', 'blogger', 'editor', 'poet',
  'writer', 'opposition', 'opposition-leader', 'dissident', 'defender', 'human', 'rights',
  'civic', 'civil', 'trade', 'union', 'unionist', 'politician', 'former', 'ex', 'late',
  'acting', 'then', 'then-president', 'elbasy', 'st', 'saint', 'rev', 'father', 'imam', 'mullah',
  'comrade', 'citizen', 'resident', 'pensioner', 'businessman', 'businesswoman', 'oligarch',
  'banker', 'singer', 'farmer', 'witness', 'victim', 'prisoner', 'detainee', 'defendant',
];

/** Russian titles and roles as stems; a stem matches when at most a case ending follows it. */
const RU_TITLE_STEMS = [
  'президент', 'экс-президент', 'премьер', 'премьер-министр', 'министр', 'вице-министр',
  'депутат', 'сенатор', 'аким', 'губернатор', 'мэр', 'председател', 'глав', 'руководител',
  'директор', 'лидер', 'генерал', 'полковник', 'подполковник', 'майор', 'капитан', 'лейтенант',
  'сержант', 'следовател', 'прокурор', 'адвокат', 'юрист', 'защитник', 'правозащитник',
  'правозащитниц', 'активист', 'активистк', 'гражданск', 'журналист', 'журналистк', 'блогер',
  'блогерш', 'редактор', 'поэт', 'писател', 'оппозиционер', 'оппозиционн', 'политик', 'бывш',
  'покойн', 'бизнесмен', 'предпринимател', 'пенсионер', 'пенсионерк', 'свидетел', 'потерпевш',
  'подсудим', 'обвиняем', 'задержанн', 'осужденн', 'осуждённ', 'заключенн', 'заключённ',
  'гражданин', 'гражданк', 'господин', 'госпож', 'товарищ', 'елбас', 'профессор', 'доктор',
  'генпрокурор', 'экс-аким', 'экс-министр', 'имам', 'певиц', 'певц', 'певец', 'художник',
];

/** Russian titles whose case forms are irregular, listed in full. */
const RU_TITLE_WORDS = ['г-н', 'г-на', 'г-ну', 'г-жа', 'г-жи', 'г-же', 'гн', 'тов', 'судья', 'судьи',
  'судье', 'судью', 'судьёй', 'судьей', 'экс'];

/** Kazakh titles and roles (Kazakh does not decline a title before a name). */
const KK_TITLES = [
  'президент', 'президенті', 'премьер-министр', 'министр', 'министрі', 'әкім', 'әкімі', 'депутат',
  'белсенді', 'белсендісі', 'құқық', 'қорғаушы', 'журналист', 'журналисі', 'тілші', 'блогер',
  'азамат', 'азаматша', 'адвокат', 'судья', 'сот', 'прокурор', 'тергеуші', 'бұрынғы', 'елбасы',
  'ақын', 'жазушы', 'оппозиционер', 'саясаткер', 'кәсіпкер', 'зейнеткер', 'куә', 'бас',
];

/** Titles after the name: Kazakh мырза/ханым ("Назарбаев мырза"), English generation marks. */
export const TRAILING_TITLES = new Set(['мырза', 'ханым', 'ханымы', 'апай', 'аға', 'ағай', 'esq']);

/** Generation suffixes: they tell a father from a son, so they are kept, not dropped. */
export const GENERATION_SUFFIXES: ReadonlyMap<string, string> = new Map([
  ['jr', 'jr'], ['junior', 'jr'], ['sr', 'sr'], ['senior', 'sr'], ['ii', 'jr'], ['iii', 'iii'],
  ['младший', 'jr'], ['старший', 'sr'],
]);

/** Titles that say the person is a man or a woman. */
export const MALE_TITLES = new Set(['mr', 'sir', 'lord', 'г-н', 'г-на', 'г-ну', 'гн', 'господин', 'мырза', 'гражданин']);
export const FEMALE_TITLES = new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'г-жа', 'г-жи', 'г-же', 'госпожа',
  'ханым', 'гражданка', 'азаматша', 'chairwoman', 'businesswoman']);

const TITLE_WORDS = new Set([...EN_TITLES, ...RU_TITLE_WORDS, ...KK_TITLES, ...TRAILING_TITLES]);
/** Case endings a Russian title stem may carry. */
const RU_TITLE_ENDING = /^(?:|а|у|ом|е|ы|и|ой|ою|ей|ею|ем|ам|ами|ах|ов|я|ю|ья|ью|ьи|ие|ий|ая|ое|ого|ому|ым|им|их|ими|ую)$/u;

/** Whether one word (any case, trailing dot allowed) is a title, honorific or role. */
export function isTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/ё/g, 'е').replace(/\.$/u, '');
  if (w.length === 0) return false;
  if (TITLE_WORDS.has(w)) return true;
  if (!/\p{Script=Cyrillic}/u.test(w)) return false;
  return RU_TITLE_STEMS.some((stem) => w.startsWith(stem.replace(/ё/g, 'е')) && RU_TITLE_ENDING.test(w.slice(stem.length)));
}

/** Lower-case particles that belong to the surname that follows them ("van der Berg", "al-"). */
export const SURNAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du',
  'la', 'le', 'ter', 'ten', 'al', 'el', 'bin', 'ibn', 'bint', 'dos', 'das', 'do', 'y', "d'", 'st']);

/**
 * Very common surnames (skeletons). A surname-only mention of one of these is never enough
 * to link automatically: "Ivanov" in one report says little about "Ivanov" in another.
 */
export const COMMON_SURNAMES = new Set([
  'ivanov', 'smirnov', 'kuznecov', 'popov', 'vasiliev', 'petrov', 'sokolov', 'mihailov', 'novikov',
  'fedorov', 'morozov', 'volkov', 'alekseev', 'lebedev', 'semenov', 'egorov', 'pavlov', 'kozlov',
  'stepanov', 'nikolaev', 'orlov', 'andreev', 'makarov', 'nikitin', 'zaharov', 'kim', 'li', 'pak',
  'coi', 'ten', 'ahmetov', 'omarov', 'suleimenov', 'abdrahmanov', 'ismailov', 'ibragimov', 'iskakov',
  'jumabaev', 'nurpeisov', 'kasimov', 'sadikov', 'aliev', 'hasanov', 'karimov', 'rahimov', 'iusupov',
  'smith', 'jones', 'brown', 'johnson', 'williams', 'miller', 'wilson', 'taylor', 'lee', 'wang',
]);

/**
 * Surname endings (skeleton space) that mark a word as a surname, not a given name. "-in"
 * only counts in Cyrillic: in Latin it ends too many given names (Kevin, Martin, Robin).
 */
export const SURNAME_SHAPE = /.{2}(?:ov|ev|ova|eva|ski|skaia|cki|ckaia|enko|iuk|.{2}uli|kizi)$/;
export const CYRILLIC_SURNAME_SHAPE = /.{2}(?:ов|ев|ёв|ова|ева|ёва|ин|ын|ина|ына|ский|ская|цкий|цкая|енко|ұлы|улы|қызы|кызы)$/u;
