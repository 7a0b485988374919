import type { Credit } from '../../domain/article.js';

/**
 * Recognises a photo caption line with a credit and splits it:
 *
 *   splitCaptionCredit('Ak Orda, in Astana, June 2011. Shamil Zhumatov / REUTERS')
 *   // { caption: 'Ak Orda, in Astana, June 2011.', credit: 'Shamil Zhumatov / REUTERS' }
 *   splitCaptionCredit('Police detain a protester. (AP Photo/Vladimir Tretyakov)')
 *   // { caption: 'Police detain a protester.', credit: 'AP Photo/Vladimir Tretyakov' }
 *   splitCaptionCredit('Митинг в Алматы. Фото: Иван Петров')
 *   // { caption: 'Митинг в Алматы.', credit: 'Иван Петров' }
 *
 * Only lines ending in a recognisable credit count (a photo label, a known agency, or
 * "Name Surname / AGENCY"); a caption without a credit cannot be told from a short paragraph.
 * Returns null for anything else.
 */

const MAX_CAPTION = 350;

/** Picture agencies and outlets commonly credited under news photos. */
const AGENCY =
  /^(?:reuters|afp|ap|epa|efe|epa-efe|getty images|afp\/getty images|afp via getty images|getty|tass|itar-tass|sputnik|ria novosti|xinhua|anadolu(?: agency)?|shutterstock|alamy|bloomberg|pool|ap photo|associated press|rfe\/rl|azattyq|wikimedia commons|flickr|kazinform|тасс|риа новости|спутник|коммерсантъ|азаттык|азаттық|sputnik казахстан|vlast\.kz)$/i;

/** Words that mark a bracketed credit; agency abbreviations only in capitals ("(ePA)" is not EPA). */
const CREDIT_HINT =
  /\b(?:photo|photos|photograph|image|credit|courtesy|getty|reuters|shutterstock|alamy|sputnik|xinhua|anadolu)\b|фото|сурет/i;
const CREDIT_ABBREVIATION = /\b(?:AP|AFP|EPA|TASS|REUTERS|POOL|ТАСС|РИА)\b/u;

const LABEL =
  /(?:^|[\s.|—–-])((?:photo(?:graph)?s?|image|picture|credit|photo credit|фото(?:графия)?|сурет(?:ті)?)(?: by)?\s*(?:[:：]|by\s)\s*)([^:：]{2,100})$/iu;

const NAME_SLASH_AGENCY =
  /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*\/\s*([\p{L}][\p{L}&.\/ -]{1,40})$/u;

function isAgency(s: string): boolean {
  const t = s.trim();
  return AGENCY.test(t) || (/^[\p{Lu}][\p{Lu}&.\/ -]{1,30}$/u.test(t) && /\p{Lu}{2}/u.test(t));
}

function trimSeparators(s: string): string {
  return s.replace(/[\s|—–-]+$/u, '').trim();
}

function make(caption: string, credit: string): Credit {
  const c = trimSeparators(caption);
  return c ? { caption: c, credit: credit.trim() } : { credit: credit.trim() };
}

export function splitCaptionCredit(line: string): Credit | null {
  const s = line.replace(/\s+/g, ' ').trim();
  if (s.length < 2 || s.length > MAX_CAPTION + 100) return null;

  // "(AP Photo/Name)", "(Photo: Reuters)" at the very end.
  const paren = /^(.*?)\s*[(\[]([^()[\]]{2,100})[)\]]$/u.exec(s);
  if (paren && (CREDIT_HINT.test(paren[2] ?? '') || CREDIT_ABBREVIATION.test(paren[2] ?? '')) && (paren[1] ?? '').length <= MAX_CAPTION) {
    const inner = (paren[2] ?? '').replace(/^(?:photo|фото|credit)\s*[:：]\s*/iu, '');
    return make(paren[1] ?? '', inner);
  }

  // "…. Photo: Name", "Фото: Name", "Photo by Name".
  const label = LABEL.exec(s);
  if (label && label.index !== undefined) {
    const caption = s.slice(0, label.index + (/^[\s.|—–-]/.test(label[0]) ? 1 : 0));
    const credit = (label[2] ?? '').trim();
    if (caption.length <= MAX_CAPTION && !/[.!?]$/.test(credit) && credit.split(/\s+/).length <= 10) {
      return make(caption, credit);
    }
  }

  // "<caption sentence>. Name Surname / AGENCY" or "<caption>. REUTERS".
  const lastStop = Math.max(s.lastIndexOf('. '), s.lastIndexOf('! '), s.lastIndexOf('? '), s.lastIndexOf('» '), s.lastIndexOf('” '));
  const caption = lastStop >= 0 ? s.slice(0, lastStop + 1) : '';
  const tail = lastStop >= 0 ? s.slice(lastStop + 2).trim() : s;
  if (tail.length === 0 || tail.length > 80 || caption.length > MAX_CAPTION || /[.!?,;:]$/.test(tail)) return null;
  const nameSlash = NAME_SLASH_AGENCY.exec(tail);
  if (nameSlash && isAgency(nameSlash[2] ?? '')) return make(caption, tail);
  if (AGENCY.test(tail) || (caption && tail.includes('/') && isAgency(tail))) {
    return make(caption, tail);
  }
  return null;
}
