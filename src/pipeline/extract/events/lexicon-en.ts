/** English event triggers, agents, victims, negation and hedges. */
import { type Lexicon, rules, words } from './lexicon.js';

/** A number of days, in digits or words ("10", "fifteen"). */
const DAYS = '(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty|thirty)';

const triggers = [
  ...rules([
    ['detention', 'detain(?:s|ing)?', 0.8, 'active'],
    ['detention', 'detained', 0.8, 'auto'],
    ['detention', 'detentions?', 0.7, 'noun'],
    ['detention', '(?:taken|placed|remanded) (?:in|into) (?:police )?custody', 0.8, 'passive'],
    ['detention', 'held (?:in custody|incommunicado|in pre-trial detention)', 0.75, 'passive'],
    ['detention', 'rounded up', 0.7, 'auto'],
    ['detention', 'imprisoned', 0.65, 'auto'],
    // Administrative arrest (Kazakhstan, Russia: up to 15/30 days, by a court). The length, when
    // given, is part of the trigger so that it reaches the reviewer: "10 days of administrative arrest".
    ['detention', `(?:${DAYS}[- ]days?(?: of| in)? )?administrative (?:arrest|detention)`, 0.85, 'noun'],
    ['detention', `${DAYS}[- ]days? (?:of |in )?(?:arrest|detention|custody|jail)`, 0.8, 'noun'],
    ['house-arrest', 'house arrest', 0.85, 'noun'],
    ['arrest', 'arrest(?:s|ing)?', 0.75, 'active'],
    ['arrest', 'arrested', 0.85, 'auto'],
    ['sentencing', 'sentenced', 0.85, 'auto'],
    ['sentencing', 'sentenc(?:es|ing)', 0.75, 'active'],
    ['sentencing', '(?:prison|jail) (?:sentences?|terms?)', 0.75, 'noun'],
    ['sentencing', 'convicted', 0.85, 'auto'],
    ['sentencing', 'convictions?', 0.65, 'noun'],
    ['sentencing', 'jailed', 0.8, 'auto'],
    ['sentencing', 'found guilty', 0.85, 'passive'],
    ['sentencing', '(?:\\p{L}+|\\d+)[- ]years?(?: \\p{L}+)? (?:in (?:prison|jail|a penal colony)|of (?:imprisonment|prison|jail)|behind bars|prison terms?)', 0.65, 'noun'],
    ['charges', 'charged(?: with)?', 0.8, 'auto'],
    ['charges', 'charges? (?:of|against)', 0.65, 'noun'],
    ['charges', 'indicted', 0.8, 'auto'],
    ['charges', 'prosecuted', 0.7, 'auto'],
    ['charges', 'prosecution of', 0.65, 'noun'],
    ['charges', '(?:opened|launched|initiated|brought) (?:a )?criminal (?:case|investigation|proceedings)', 0.8, 'active'],
    ['charges', 'criminal (?:case|charges?|proceedings)', 0.65, 'noun'],
    ['charges', 'accused of', 0.6, 'passive'],
    ['search', 'raid(?:ed|s)?', 0.7, 'auto'],
    ['search', 'searched', 0.7, 'auto'],
    ['search', 'search(?:es)? (?:of|at|in)', 0.6, 'noun'],
    ['fine', 'fined', 0.85, 'auto'],
    ['fine', '(?:a|the|administrative) fines?', 0.6, 'noun'],
    ['fine', 'fines? of', 0.7, 'noun'],
    ['travel-ban', '(?:banned|barred|prohibited|stopped) from (?:leaving|travel(?:l?ing)? abroad|exiting)', 0.85, 'passive'],
    ['travel-ban', '(?:travel|exit) bans?', 0.85, 'noun'],
    ['torture', 'tortur(?:e|es|ed|ing)', 0.8, 'auto'],
    ['ill-treatment', 'beaten(?: up)?', 0.7, 'auto'],
    ['ill-treatment', 'beat(?:ings?)?(?= (?:him|her|them|up|protesters|detainees|activists|journalists))', 0.65, 'active'],
    ['ill-treatment', '(?:ill-|mis)treat(?:ed|ment)', 0.75, 'auto'],
    ['killing', 'killed|murdered|assassinated|gunned down|shot dead', 0.75, 'auto'],
    ['killing', 'killings?|murders?', 0.6, 'noun'],
    ['death-in-custody', '(?:died|death|deaths) (?:in|while in) (?:police |pre-trial )?(?:custody|detention|prison)', 0.85, 'noun'],
    ['disappearance', '(?:forcibly |enforced )disappear(?:ed|ance)', 0.9, 'auto'],
    ['disappearance', 'disappeared', 0.6, 'auto'],
    ['disappearance', '(?:went|gone|is|was|remains?|remained) missing', 0.65, 'passive'],
    ['disappearance', 'whereabouts (?:are|remain|is|were) unknown', 0.8, 'passive'],
    ['disappearance', 'abducted|kidnapped', 0.75, 'auto'],
    ['attack-on-protest', '(?:opened fire|fired) on (?:the )?(?:protesters|demonstrators|crowds?|strikers)', 0.85, 'active'],
    ['attack-on-protest', 'tear gas|rubber bullets|stun grenades|water cannons?', 0.7, 'noun'],
    ['dispersal', 'dispers(?:ed|e|es|ing|al)', 0.75, 'auto'],
    ['dispersal', 'broke up|broken up', 0.55, 'auto'],
    ['assembly-ban', '(?:banned|prohibited|outlawed) (?:a |the |all |any )?(?:planned )?(?:rall(?:y|ies)|protests?|demonstrations?|march(?:es)?|gatherings?|pickets?)', 0.85, 'active'],
    ['assembly-ban', '(?:refused|denied|rejected) (?:a |the )?(?:permission|permits?|authori[sz]ation|applications?)', 0.75, 'active'],
    ['assembly-ban', 'ban(?:s|ning)? (?:a |the |all |any )?(?:planned )?(?:rall(?:y|ies)|protests?|demonstrations?|march(?:es)?|gatherings?|pickets?)', 0.75, 'active'],
    ['assembly-ban', 'bans? on (?:rallies|protests|demonstrations|gatherings|public assemblies)', 0.8, 'noun'],
    ['censorship', 'blocked|blocking', 0.6, 'auto'],
    ['censorship', 'censor(?:ed|ship|ing)', 0.8, 'auto'],
    ['censorship', 'internet shutdowns?|shut down the internet|(?:internet|website|websites|access) (?:was |were |has been |have been )?(?:restricted|cut off|shut down)', 0.85, 'noun'],
    ['restrictive-law', '(?:laws?|bills?|amendments?|legislation|decrees?) (?:that )?(?:restrict(?:ing|s)?|limit(?:ing|s)?|ban(?:ning|s)?|criminali[sz](?:ing|es))', 0.75, 'noun'],
    ['restrictive-law', 'restrictive (?:laws?|legislation|bills?|amendments)', 0.8, 'noun'],
    ['restrictive-law', '(?:signed|adopted|passed|approved) (?:a |the )?(?:new )?(?:law|bill|amendments|legislation)', 0.5, 'active'],
    ['harassment', 'harass(?:ed|ment|ing)', 0.75, 'auto'],
    ['harassment', 'intimidat(?:ed|ion|ing)', 0.75, 'auto'],
    ['harassment', 'persecut(?:ed|ion|ing)', 0.7, 'auto'],
    ['harassment', 'summoned(?= (?:for questioning|to|by))', 0.65, 'passive'],
    ['harassment', 'surveillance', 0.5, 'noun'],
    ['threats', '(?:death )?threats? (?:against|to)|death threats|threatened', 0.65, 'auto'],
    ['dissolution', 'liquidat(?:ed|ion|e)', 0.8, 'auto'],
    ['dissolution', 'dissolved|dissolution', 0.6, 'auto'],
    ['dissolution', 'declared (?:an? )?extremist', 0.8, 'passive'],
    ['dissolution', '(?:banned|outlawed|shut down|closed down) (?:the |an? )?(?:opposition )?(?:party|organi[sz]ation|NGO|movement|group|newspaper)', 0.75, 'active'],
    ['dissolution', '(?:revoked|stripped of) (?:its )?(?:registration|licen[cs]e)', 0.7, 'active'],
    ['protest', 'protests?|protested|protesting|rall(?:y|ies)|demonstrations?|pickets?|sit-ins?|hunger strikes?|strikes? by|(?:on|general|workers\'?) strike', 0.6, 'noun'],
    ['protest', 'protesters|demonstrators|strikers', 0.45, 'noun'],
    ['riot', 'riots?(?! (?:police|gear|squad|control|officers|troops))|rioting|rioters|mass unrest|clashes', 0.6, 'noun'],
  ]),
  // Lower-case "march" only: "March" is usually the month.
  ...rules([['protest', 'march(?:es|ed)?', 0.55, 'noun']], true),
];

const NUM_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'a hundred': 100, 'a dozen': 12, dozen: 12,
};
const VAGUE: Record<string, number> = {
  dozens: 24, scores: 40, hundreds: 200, thousands: 2000, 'tens of thousands': 20000,
  'hundreds of thousands': 200000, several: 3, 'a few': 3, many: 10, 'a number': 3,
};
const numWord = '(?:a hundred|a dozen|dozen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?: hundred)?';
const vague = '(?:tens of thousands|hundreds of thousands|dozens|scores|hundreds|thousands|several|a few)';

function wordValue(s: string): number | null {
  const t = s.toLowerCase().replace(/-/g, ' ').trim();
  if (t in NUM_WORDS) return NUM_WORDS[t] ?? null;
  let total = 0;
  let cur = 0;
  for (const w of t.split(/\s+/)) {
    if (w === 'a') continue;
    const v = NUM_WORDS[w];
    if (v === undefined) return null;
    if (v === 100) cur = (cur || 1) * 100;
    else cur += v;
  }
  total += cur;
  return total || null;
}

export const EN_LEXICON: Lexicon = {
  triggers,
  agents: words([
    '(?:riot |traffic |secret |the )?police(?: officers| officials)?', 'policemen', 'officers',
    '(?:security|special|law enforcement) (?:forces|services|officers|agencies)', 'soldiers', 'troops',
    '(?:the )?authorities', '(?:local |government )?officials', '(?:the |a )?(?:district |city |regional |appeals |supreme )?courts?',
    'judges?', 'prosecutors?', 'investigators', 'KNB', 'National Security Committee', 'NSC',
    '(?:the )?government', '(?:the )?(?:interior|internal affairs) ministry', 'Ministry of (?:Interior|Internal Affairs)',
    '(?:the )?parliament', '(?:the )?senate', '(?:the )?mazhilis', 'lawmakers', 'border guards', 'masked men', 'unknown (?:men|assailants|attackers|persons)', 'guards', 'akimat',
  ]),
  victims: words([
    'protesters', 'demonstrators', 'strikers', 'activists?', 'journalists?', 'bloggers?', 'reporters?',
    'opposition (?:leaders?|members|figures|politicians|activists)', 'human rights (?:defenders?|activists?|lawyers?)',
    'lawyers?', '(?:oil )?workers', 'students?', 'believers', 'civilians', 'people', 'persons', 'residents',
    'citizens', 'critics', 'dissidents', 'opponents', 'supporters', 'participants', 'detainees', 'prisoners',
    'men', 'women', 'children', 'relatives', 'villagers', 'pensioners', 'farmers', 'members', 'leaders?',
    'poets?', 'writers?', 'editors?', 'trade unionists?', 'union leaders?', 'Muslims', 'Christians',
    // Role nouns: next to a trigger, usually the person it happened to.
    'politicians?', 'businessm[ae]n', 'entrepreneurs?', '(?:former |ex-)(?:officials?|ministers?|president|mayor|governor|prime minister)',
    'soldiers? (?=was|were)', 'footballers?', 'athletes?', 'singers?', 'artists?', 'doctors?', 'teachers?', 'priests?', 'imams?',
    'pastors?', 'scientists?', 'economists?', 'suspects?', 'defendants?', 'colonel', 'ecologists?', 'environmentalists?', 'youths?',
  ]),
  // "no" as a determiner binds closer: "made no (further) arrests", but "no doubt that police detained" is not negated.
  negationNear: /(?<![\p{L}])(?:(?:not|never|no longer|n't|no one|nobody|none)(?:\s+\p{L}+){0,2}|no(?:\s+\p{L}+)?)\s*$/iu,
  denial: words(['den(?:y|ied|ies|ying)', 'refuted', 'rejected (?:reports|claims)', 'dismissed (?:reports|claims)']),
  denialAfter: false,
  // Case-sensitive so that the month "May" is not read as the modal "may".
  hedge: words([
    'may',
    ...[
    'plan(?:s|ned|ning)? to', 'intend(?:s|ed)? to', 'could', 'might', 'would', 'reportedly', 'allegedly',
    'alleged', 'threaten(?:s|ed|ing)? to', 'fac(?:e|es|ed|ing)', 'risk(?:s|ing)?', 'expected to', 'will', 'if',
    'unconfirmed', 'rumou?red', 'said to', 'believed to', 'possibl[ey]', 'likely', 'suspected', 'apparently',
    'call(?:s|ed)? for', 'urged',
    ].map((w) => `[${w.charAt(0).toUpperCase()}${w.charAt(0)}]${w.slice(1)}`),
  ], true),
  speech: /^[\s"”’)]*(?:(?:also|later|then|has|have|had|publicly|strongly|on \p{L}+)\s+)*(?:said|says|say|told|stated|reported|announced|called|condemned|demanded|urged|expressed|noted|added|claimed|warned|criticised|criticized|denounced|described)(?![\p{L}])/iu,
  byMarker: /(?<![\p{L}])by\s+(?:the\s+|a\s+)?$/iu,
  counts: {
    re: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:(at least|more than|over|about|around|some|nearly|almost|up to|approximately|roughly|an estimated)\\s+)?` +
        `(\\d{1,3}(?:,\\d{3})+|\\d+|${vague}|${numWord})(?:\\s+of)?(?![\\p{L}\\p{N}])`,
      'giu',
    ),
    value: (m) => {
      const raw = (m[2] ?? '').toLowerCase();
      if (/^\d/.test(raw)) return Number(raw.replace(/,/g, ''));
      if (raw in VAGUE) return VAGUE[raw] ?? null;
      return wordValue(raw);
    },
    approximate: (m) => Boolean(m[1]) || (m[2] ?? '').toLowerCase() in VAGUE,
  },
  assemblyTopic: words(['assembl(?:y|ies)', 'associations?', 'NGOs?', 'non-governmental', 'rall(?:y|ies)', 'protests?', 'demonstrations?', 'parties', 'trade unions?', 'religious']),
  forceWords: words(['tear gas', 'rubber bullets', 'opened fire', 'fired on', 'beat(?:en|ing)?', 'killed', 'shot', 'wounded', 'injured', 'stun grenades', 'water cannons?']),
};
