/**
 * Site chrome recognised in a single block or line of scraped text: cookie notices, loading
 * messages, "Related articles" headers, newsletter and share prompts, advertisement labels,
 * copyright lines, comment prompts and paywall notices (English, Russian, Kazakh).
 *
 * Conservative by design: every pattern is anchored at the start of the block (and most at the
 * end too) and limited in length, so a sentence of an article that merely mentions cookies,
 * advertisements or subscriptions is never taken for chrome.
 *
 *   isBoilerplateText('This site uses cookies to improve your user experience.') // true
 *   isBoilerplateText('Advertisements for the expo are everywhere.')             // false
 */

/** Collapse whitespace and strip surrounding decoration so patterns can be anchored. */
function normalise(s: string): string {
  return s
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s|•·»>›\-–—*#]+/u, '')
    .replace(/[\s|•·«<‹\-–—*#]+$/u, '')
    .trim();
}

/** Whole-block labels (compared after lower-casing and stripping trailing punctuation). */
const LABELS = new Set([
  // related / further reading
  'related', 'related articles', 'related article', 'related stories', 'related posts',
  'related content', 'related coverage', 'related news', 'related reading', 'related topics',
  'read more', 'read also', 'also read', 'see also', 'more on this topic', 'more on this story',
  'more stories', 'more from this author', 'you may also like', 'you might also like',
  'recommended', 'recommended for you', 'most read', 'most popular', 'trending', 'top stories',
  'читайте также', 'также читайте', 'читайте еще', 'читайте ещё', 'похожие статьи',
  'похожие материалы', 'похожие новости', 'по теме', 'еще по теме', 'ещё по теме',
  'материалы по теме', 'смотрите также', 'рекомендуем', 'популярное', 'самое читаемое',
  'самое популярное', 'новости по теме', 'сондай-ақ оқыңыз', 'тақырып бойынша',
  'ұқсас жаңалықтар', 'ұқсас мақалалар', 'тағы оқыңыз',
  // loading
  'loading', 'loading, please wait', 'loading please wait', 'please wait', 'загрузка',
  'загрузка, пожалуйста, подождите', 'идет загрузка', 'идёт загрузка', 'жүктелуде',
  // advertising
  'advertisement', 'advertising', 'ad', 'ads', 'sponsored', 'sponsored content', 'promoted',
  'реклама', 'на правах рекламы', 'партнерский материал', 'партнёрский материал', 'жарнама',
  // share
  'share', 'share this', 'share this article', 'share this story', 'share this page',
  'share on facebook', 'share on twitter', 'share on x', 'share via email', 'tweet', 'print',
  'email', 'e-mail', 'copy link', 'поделиться', 'поделитесь', 'поделиться статьей',
  'поделиться статьёй', 'поделиться в соцсетях', 'поделиться в социальных сетях', 'бөлісу',
  'печать', 'распечатать',
  // comments
  'comments', 'comment', 'leave a comment', 'leave a reply', 'post a comment', 'add a comment',
  'add comment', 'show comments', 'view comments', 'join the discussion',
  'join the conversation', 'комментарии', 'комментарий', 'оставьте комментарий',
  'оставить комментарий', 'добавить комментарий', 'комментировать', 'пікірлер',
  'пікір қалдыру', 'пікір жазу',
  // navigation
  'skip to content', 'skip to main content', 'back to top', 'menu', 'search', 'close',
  'перейти к содержанию', 'наверх', 'меню', 'поиск', 'закрыть', 'мәзір', 'іздеу',
  // subscribe
  'subscribe', 'subscribe now', 'sign up', 'newsletter', 'подписаться', 'подпишитесь',
  'жазылу', 'жазылыңыз',
]);

/** Words a share bar is made of ("Facebook Twitter Email Print"). */
const SHARE_WORDS = new Set([
  'share', 'facebook', 'twitter', 'x', 'telegram', 'whatsapp', 'vk', 'вконтакте', 'вк', 'ok',
  'одноклассники', 'email', 'e-mail', 'mail', 'print', 'linkedin', 'reddit', 'pinterest',
  'copy', 'link', 'tweet', 'поделиться', 'бөлісу', 'messenger', 'viber', 'flipboard',
  'pocket', 'tumblr', 'youtube', 'instagram', 'rss', 'печать', 'ссылка', 'скопировать',
]);

interface Rule {
  max: number;
  re: RegExp;
  /** A second pattern the block must also contain somewhere. */
  also?: RegExp;
}

/** What a cookie notice talks about besides cookies: the site, consent, the user's experience. */
const COOKIE_CONTEXT =
  /experience|(web)?site|brows|privacy|policy|consent|agree|accept|learn more|more info|analytics|personali[sz]|advertis|traffic|services|settings|сайт|опыт|согласи|политик|работ|сервис|аналитик|настро|сайтты|тәжірибе/i;

const RULES: Rule[] = [
  // Cookie notices: an opener about the site/us using cookies, or a consent prompt.
  {
    max: 450,
    re: /^(this (web)?site|our (web)?site|this page|we( and our partners)?) (uses?|is using|use|are using) (cookies|cookie)\b/i,
    also: COOKIE_CONTEXT,
  },
  { max: 450, re: /^by (continuing|using|browsing|clicking)\b.{0,120}\b(cookies?)\b/i },
  { max: 200, re: /^(accept|allow|reject|manage)( all)? cookies\b/i },
  { max: 300, re: /^cookies? (policy|settings|preferences|notice|consent)\b/i },
  {
    max: 450,
    re: /^(мы|этот сайт|сайт|наш сайт|данный сайт)( также)? (использует|используем|применяет|применяем)( файлы)? (cookie|куки)/i,
    also: COOKIE_CONTEXT,
  },
  { max: 450, re: /^(продолжая|оставаясь|используя)(?=[\s,]).{0,120}(cookie|куки)/i },
  { max: 450, also: COOKIE_CONTEXT, re: /^(біз|сайт|бұл сайт)( cookie| куки)( файлдарын)? (пайдаланамыз|пайдаланады|қолданамыз|қолданады)/i },
  // Loading messages with dots.
  { max: 60, re: /^(loading|загрузка|жүктелуде|please wait|подождите)[\s,.…!]*((please )?wait|пожалуйста,? подождите)?[\s.…!]*$/i },
  // "Read more: <headline>" link lines.
  {
    max: 220,
    re: /^(read more|read also|also read|see also|related|читайте также|также читайте|читайте ещё|читайте еще|смотрите также|по теме|сондай-ақ оқыңыз|тағы оқыңыз)\s*[:：—–-]\s*\S/i,
  },
  // Newsletters and subscriptions.
  {
    max: 250,
    re: /^(sign up|subscribe|register)( now| today| here| free)?( to| for)( our| the| a)? ([\w'’-]+ ){0,3}(newsletter|newsletters|email|emails|updates|digest|briefing|alerts|channel|podcast)\b/i,
  },
  { max: 250, re: /^(get|receive) (our|the) ([\w'’-]+ ){0,3}(newsletter|briefing|digest)\b/i },
  { max: 250, re: /^enter your e-?mail( address)?\b/i },
  { max: 250, re: /^(follow us|join us) on (facebook|twitter|telegram|x|instagram|youtube|whatsapp)\b/i },
  {
    max: 250,
    re: /^(подпишитесь|подписывайтесь|подписаться|следите за нами)( на| в)( наш| нашу| наши)? ?([\wа-яё-]+ ){0,3}(рассылк|канал|telegram|телеграм|новост|страниц|аккаунт|instagram|facebook|youtube|twitter|whatsapp)/i,
  },
  { max: 250, re: /^(біздің )?(telegram|телеграм|instagram|facebook|youtube)[\wа-яәіңғүұқөһ -]{0,40}(жазылыңыз|қосылыңыз)/i },
  // Share prompts.
  {
    max: 120,
    re: /^(share|поделиться|поделитесь)( this| the)?( article| story| page| post| новостью| статьей| статьёй| материалом)( on| via| в)? ?[\w ,/а-яё-]{0,60}$/i,
  },
  { max: 80, re: /^(share|поделиться) (on|via|в) [\w ,/а-яё-]{1,60}$/i },
  // Copyright lines.
  { max: 250, re: /^(©|\(c\)|copyright\b|all rights reserved|все права защищены|барлық құқықтар қорғалған)/i },
  { max: 250, re: /\b(all rights reserved|все права защищены|барлық құқықтар қорғалған)[.!]?$/i },
  // Comment prompts.
  { max: 120, re: /^(\d+ )?(comments?|комментари(й|ев|я|и)|пікір(лер)?)( \(\d+\))?[:.!]?$/i },
  {
    max: 200,
    re: /^(you must be logged in|log in|sign in|please log in|войдите|авторизуйтесь)(?=[\s,.:;!?]|$).{0,80}(comment|комментар|пікір)/i,
  },
  { max: 200, re: /^(to (comment|leave a comment)|чтобы (оставить )?комментар)/i },
];

/** Paywall notices: chrome that also means the body was cut off. */
const PAYWALL: Rule[] = [
  {
    max: 300,
    re: /^(subscribe|sign in|log in|register)( now| today)? (to|and) (read|continue|keep reading|unlock|get (full|unlimited) access)\b/i,
  },
  { max: 300, re: /^(to (continue|keep) reading|continue reading|read the full (article|story))\b/i },
  { max: 300, re: /^(this (article|story|content) is (only )?(available )?(for|to) (subscribers|members))\b/i },
  { max: 300, re: /^(already a (subscriber|member)\??|get (full|unlimited|digital) access)\b/i },
  { max: 300, re: /^(you have reached (your|the) (limit|free article limit)|you['’]ve reached your)\b/i },
  { max: 300, re: /^(продолжение (доступно|читайте)|чтобы (прочитать|читать|продолжить чтение)|полная версия (статьи|материала) доступна|оформите подписку|материал доступен (только )?(по|для) подписк)/i },
  { max: 300, re: /^(толық нұсқасын|жалғасын оқу)/i },
];

/** Trailing phrases that mark a body cut by a paywall ("… Subscribe to read"). */
const PAYWALL_TAIL =
  /(subscribe to (read|continue reading)|continue reading|read the full (article|story)|sign in to (read|continue)|продолжение доступно[^.]*|читать (далее|полностью))[\s.…:→»>]*$/i;

function matchesAny(rules: Rule[], s: string): boolean {
  // A bare "We use cookies." needs no context; a longer block must read like a notice.
  return rules.some((r) => s.length <= r.max && r.re.test(s) && (!r.also || s.length <= 80 || r.also.test(s)));
}

function isShareBar(s: string): boolean {
  if (s.length > 120) return false;
  const words = s.toLowerCase().split(/[\s|•·,/]+/u).filter(Boolean);
  return words.length >= 2 && words.every((w) => SHARE_WORDS.has(w));
}

/** True when the whole block is a paywall notice. */
export function isPaywallText(s: string): boolean {
  const t = normalise(s);
  return t.length > 0 && matchesAny(PAYWALL, t);
}

/** True when a body block ends with a paywall marker ("…", "Subscribe to read"). */
export function endsWithPaywallMarker(s: string): boolean {
  const t = normalise(s);
  return /(…|\.\.\.)$/.test(t) || PAYWALL_TAIL.test(t);
}

/** True when the whole block/line is site chrome rather than article text. */
export function isBoilerplateText(s: string): boolean {
  const t = normalise(s);
  if (t.length === 0 || t.length > 450) return false;
  const label = t.toLowerCase().replace(/[\s.:：…!»›>→]+$/u, '').replace(/\s*\(\d+\)$/, '');
  if (LABELS.has(label)) return true;
  if (isShareBar(t)) return true;
  if (matchesAny(PAYWALL, t)) return true;
  return matchesAny(RULES, t);
}
