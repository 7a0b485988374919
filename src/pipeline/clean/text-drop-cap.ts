/**
 * Repairs drop-cap artefacts at the start of a paragraph: a decorative initial that a scraper
 * separated from the rest of its word ("U .S. President" -> "U.S. President",
 * "T he" -> "The", "A fter" -> "After", "Т акже" -> "Также").
 *
 * The initial and the fragment are joined only when that reading wins over the split one:
 * the joined form is a common word or occurs elsewhere in the document, the fragment is not a
 * word (no vowel, an impossible English onset like "ft"), the initial cannot stand alone
 * ("T", unlike "A", "I", Russian "В"). "A man" and "I think" stay as they are.
 *
 *   fixDropCap('A fter the vote…')     // 'After the vote…'
 *   fixDropCap('A man was detained.')  // unchanged
 */

/** Letters that are words on their own, so "A man" / "В суде" are real pairs. */
const STANDALONE = new Set(['A', 'I', 'O', 'А', 'В', 'И', 'К', 'О', 'С', 'У', 'Я', 'Ә']);

/** Common English and Russian words (lower case) used as a small dictionary. */
const COMMON = new Set(
  (
    'a about above across after again against ago all almost along already also although always am among an and another any are around as at away back be because been before being below between both but by came can could day days did do does down during each either even ever every few first for four from further get had has have he her here him his how however i if in including indeed instead into is it its itself just last later least less like made make man many may me men might more most much must my never new next no nor not now of off often on once one only or other our out over own people per perhaps president rather same says several she should since so some still such than that the their them then there these they this those though three through thus to today too two under until up upon us very was we were what when where whether which while who whom whose why will with within without would year years yesterday yet you your ' +
    'according across activists added against almost amid authorities earlier every government human international its last late meanwhile months nearly officials once police recently rights since some state ten the then thousands under unlike when while ' +
    'а в и к о с у я в но на не по за из от до для как что это его ее её их они она он мы вы все всё также так когда если после перед однако хотя пока уже еще ещё лишь только тогда теперь сегодня вчера завтра согласно несмотря президент суд власти правозащитники этот эта эти этого эту там тут здесь где кто который которая которые вместе между около при над под через без более менее год года лет время новости'
  ).split(/\s+/),
);

/** Two-consonant starts an English word can have ("st", "br", "th" …). */
const EN_ONSETS = new Set(
  'bl br ch cl cr dr dw fl fr gh gl gn gr kh kl kn kr ph pl pn pr ps qu rh sc sh sk sl sm sn sp sq st sv sw th tr ts tw vl wh wr xh zh'.split(' '),
);

const VOWELS = /[aeiouyаеёиоуыэюяәіөүұ]/i;

function impossibleEnglishOnset(fragment: string): boolean {
  const f = fragment.toLowerCase();
  if (!/^[a-z]{2}/.test(f)) return false;
  const [a, b] = [f[0] ?? '', f[1] ?? ''];
  if (VOWELS.test(a) || VOWELS.test(b)) return false;
  return !EN_ONSETS.has(a + b);
}

/** Word counts of a document (lower case), for "does this form occur elsewhere" checks. */
export function countWords(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) {
    for (const w of t.toLowerCase().match(/\p{L}+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

const SPLIT_PUNCT = /^([\s"'“‘«(\[]*)(\p{Lu}) +(\.\p{L})/u;
const SPLIT_WORD = /^([\s"'“‘«(\[]*)(\p{Lu}) +(\p{Ll}+)(?=$|[\s\p{P}])/u;

/**
 * Join a drop-cap initial to its word at the start of `block`. `documentWords` counts the words
 * of the whole document including `block` (see `countWords`); pass an empty map for no context.
 */
export function fixDropCap(block: string, documentWords: Map<string, number> = new Map()): string {
  const p = SPLIT_PUNCT.exec(block);
  if (p) {
    // "U .S.": an initial followed by a space and a period-abbreviation is never two words.
    const [whole, lead = '', letter = '', rest = ''] = p;
    return lead + letter + rest + block.slice(whole.length);
  }
  const m = SPLIT_WORD.exec(block);
  if (!m) return block;
  const [whole, lead = '', letter = '', fragment = ''] = m;
  const joined = (letter + fragment).toLowerCase();
  const frag = fragment.toLowerCase();
  let score = 0;
  if (COMMON.has(joined)) score += 2;
  if ((documentWords.get(joined) ?? 0) > 0) score += 1;
  if (COMMON.has(frag)) score -= 2;
  // The split fragment itself is counted once in `block`; a second occurrence makes it a word.
  if ((documentWords.get(frag) ?? 0) > 1) score -= 1;
  // Which Latin letters stand alone is known for English only ("s", "z", "v" are Czech or
  // Polish words): a fragment with accented letters gets no credit for the initial.
  if (!STANDALONE.has(letter) && !(/^[A-Z]$/.test(letter) && /[^\x00-\x7f]/.test(frag))) score += 1;
  // Accented vowels count ("blížícím", "été"): compare on the base letters.
  if (!VOWELS.test(frag.normalize('NFD'))) score += 2;
  if (/^[A-Z]$/.test(letter) && impossibleEnglishOnset(frag)) score += 2;
  // "A cross-section", "A rally": a letter that is a word before a pronounceable word is read
  // as two words unless the document itself uses the joined form.
  const pronounceable = VOWELS.test(frag.normalize('NFD')) && !(/^[A-Z]$/.test(letter) && impossibleEnglishOnset(frag));
  if (STANDALONE.has(letter) && pronounceable && !(documentWords.get(joined) ?? 0)) return block;
  if (score <= 0) return block;
  return lead + letter + fragment + block.slice(whole.length);
}
