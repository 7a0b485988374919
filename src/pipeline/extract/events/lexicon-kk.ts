/**
 * Kazakh triggers (a first, small set; agglutinative forms matched by stem + any ending).
 * Argument words fall back to the Russian lists where Kazakh texts borrow them (полиция, КНБ).
 * Not measured: no annotated Kazakh event data is at hand.
 */
import { type Lexicon, rules, words } from './lexicon.js';
import { RU_LEXICON } from './lexicon-ru.js';

const W = '\\p{L}*';

export const KK_LEXICON: Lexicon = {
  ...RU_LEXICON,
  triggers: rules([
    ['detention', `ұстал(?:ды|ған|ып)${W}|ұстады|ұстап алды|ұстау${W}|қамауға алын${W}|қамауға ал${W}`, 0.75, 'auto'],
    ['arrest', `тұтқындал${W}|тұтқында${W}|қамау${W}`, 0.7, 'auto'],
    ['house-arrest', `үй қамағы${W}|үй қамауы${W}`, 0.85, 'noun'],
    ['sentencing', `сотталд${W}|соттал${W}|үкім${W}|бас бостандығынан айыр${W}`, 0.8, 'auto'],
    ['charges', `айыпта${W}|айып тағыл${W}|қылмыстық іс${W}`, 0.7, 'auto'],
    ['search', `тінту${W}|тінтт${W}|тінтіл${W}`, 0.8, 'auto'],
    ['fine', `айыппұл${W}`, 0.8, 'noun'],
    ['travel-ban', `шетелге шығуға тыйым${W}`, 0.85, 'noun'],
    ['torture', `азаптау${W}|азапта${W}|азаптал${W}`, 0.8, 'auto'],
    ['ill-treatment', `соққыға жық${W}|ұрып-соғ${W}`, 0.7, 'auto'],
    ['killing', `өлтіріл${W}|өлтір${W}|қаза тап${W}`, 0.7, 'auto'],
    ['disappearance', `хабарсыз кет${W}|із-түзсіз жоғал${W}`, 0.8, 'passive'],
    ['dispersal', `таратып жіберд${W}|тарат${W}`, 0.6, 'auto'],
    ['censorship', `бұғатта${W}|бұғатқа${W}`, 0.75, 'auto'],
    ['harassment', `қудалау${W}|қудала${W}|қысым${W}`, 0.6, 'noun'],
    ['threats', `қорқыт${W}`, 0.6, 'auto'],
    ['dissolution', `тарату туралы|жойыл${W}`, 0.5, 'auto'],
    ['protest', `митинг${W}|наразылық${W}|шеру${W}|ереуіл${W}|пикет${W}`, 0.6, 'noun'],
    ['riot', `жаппай тәртіпсіздік${W}|тәртіпсіздік${W}`, 0.6, 'noun'],
  ]),
  agents: words([`полиция${W}`, `полицейлер${W}`, `сот${W}`, `прокурор${W}`, `тергеуші${W}`, 'ҰҚК', 'КНБ', 'ІІМ', `билік${W}`, `әкімдік${W}`, `ішкі істер${W}`]),
  victims: words([`белсенді${W}`, `журналист${W}`, `блогер${W}`, `наразылық білдірушілер${W}`, `адам${W}`, `тұрғын${W}`, `азамат${W}`, `жұмысшы${W}`, `құқық қорғаушы${W}`, `адвокат${W}`]),
  negationNear: /(?<![\p{L}])(?:жоқ|емес)\s*$/iu,
  denial: words([`жоққа шығар${W}`, `теріске шығар${W}`]),
  hedge: words([`мүмкін`, `жоспарла${W}`, `болуы мүмкін`, `көрінеді`, `деседі`, `қаупі бар`]),
};
