import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { articleSchema } from '../src/domain/article.js';
import { isBoilerplateText } from '../src/pipeline/clean/boilerplate.js';
import { estimatePublishedAt } from '../src/pipeline/clean/date-estimate.js';
import { finishArticle, type ArticleDraft } from '../src/pipeline/clean/finish.js';
import { detectLanguage, normaliseLanguageTag } from '../src/pipeline/clean/language.js';
import { cleanPlainText } from '../src/pipeline/clean/plain-text.js';
import { splitCaptionCredit } from '../src/pipeline/clean/text-caption.js';
import { countWords, fixDropCap } from '../src/pipeline/clean/text-drop-cap.js';
import { findPullQuotes } from '../src/pipeline/clean/text-pull-quote.js';
import { classifyTense } from '../src/pipeline/clean/text-tense.js';

function draft(blocks: string[], extra: Partial<ArticleDraft> = {}): ArticleDraft {
  return {
    title: null, subtitle: null, byline: null, publishedAt: null, languageHint: null,
    credits: [], blocks, ...extra,
  };
}

const EN_BODY =
  'Police in Almaty detained at least twelve activists on Saturday as they gathered near the ' +
  'central square to protest against amendments to the land code. Witnesses said officers ' +
  'pushed several people into buses without explanation. The prosecutor’s office later said ' +
  'the gathering had not been authorised and that those detained would face administrative charges.';

const RU_BODY =
  'В субботу в Алматы полиция задержала не менее двенадцати активистов, которые собрались у ' +
  'центральной площади, чтобы выразить протест против поправок в Земельный кодекс. По словам ' +
  'очевидцев, сотрудники полиции без объяснения причин затолкали несколько человек в автобусы. ' +
  'Позднее в прокуратуре заявили, что акция не была согласована.';

describe('isBoilerplateText', () => {
  const chrome = [
    'This site uses cookies to improve your user experience. Click here to learn more.',
    'We use cookies to give you the best experience on our website.',
    'By continuing to use this site you agree to our use of cookies.',
    'Accept all cookies',
    'Мы используем файлы cookie, чтобы сайт работал лучше.',
    'Сайт использует cookie для улучшения работы.',
    'Loading, please wait...',
    'Загрузка...',
    'Related Articles',
    'Related',
    'Read more',
    'Read more: Kazakhstan jails activist for five years',
    'Читайте также',
    'Читайте также: Суд оставил приговор без изменений',
    'Похожие статьи',
    'Share this article',
    'Поделиться',
    'Facebook Twitter Email Print',
    'Advertisement',
    'Реклама',
    '© 2016 Council on Foreign Relations, Inc. All rights reserved.',
    'Copyright 2024 Example Media',
    'Все права защищены.',
    'Sign up for our daily newsletter',
    'Subscribe to our newsletter',
    'Подпишитесь на наш канал в Telegram',
    'Leave a comment',
    'Comments (12)',
    'Комментарии',
    'Subscribe to read',
    'Сондай-ақ оқыңыз',
    'Продолжая использовать сайт, вы соглашаетесь на использование файлов cookie.',
    'Войдите, чтобы оставить комментарий',
    'Бөлісу',
    'Біз cookie файлдарын пайдаланамыз',
    'Жүктелуде...',
    'Барлық құқықтар қорғалған.',
  ];
  for (const s of chrome) test(`chrome: ${s}`, () => assert.equal(isBoilerplateText(s), true));

  const prose = [
    'The court ruled that the website uses cookies without consent, fining the operator.',
    'Advertisements for Astana Expo 2017, the country’s latest PR extravaganza, are everywhere.',
    'Share prices fell by 4 percent after the announcement.',
    'Related charges were brought against two other journalists.',
    'Readers who subscribe to the paper receive it by post.',
    'We use cookies, the baker joked, as bargaining chips with the inspectors, and everyone laughed at the hearing in Almaty on Monday, which lasted until late evening and ended without a verdict for the three defendants.',
    'Мы используем все законные средства, чтобы добиться освобождения активиста.',
    'Реклама оппозиционной партии была запрещена властями.',
    'Comments made by the minister drew criticism.',
    'Kazakhstan’s Human Rights Crackdown',
    '',
  ];
  for (const s of prose) test(`prose: ${s || '(empty)'}`, () => assert.equal(isBoilerplateText(s), false));
});

describe('fixDropCap', () => {
  test('joins split initials', () => {
    assert.equal(fixDropCap('U .S. President-elect Donald Trump said.'), 'U.S. President-elect Donald Trump said.');
    assert.equal(fixDropCap('T he court ruled on Monday.'), 'The court ruled on Monday.');
    assert.equal(fixDropCap('A fter the vote, police moved in.'), 'After the vote, police moved in.');
    assert.equal(fixDropCap('I n 2016 the protests began.'), 'In 2016 the protests began.');
    assert.equal(fixDropCap('“T his is a crackdown,” she said.'), '“This is a crackdown,” she said.');
    assert.equal(fixDropCap('Т акже суд отклонил жалобу.'), 'Также суд отклонил жалобу.');
  });
  test('keeps real word pairs', () => {
    for (const s of ['A man was detained.', 'I think the law is unjust.', 'A protester was beaten.', 'В суде выступил адвокат.', 'O my God, she cried.', 'A.', 'U.S. officials said.']) {
      assert.equal(fixDropCap(s), s);
    }
  });
  test('uses the document as a dictionary', () => {
    const doc = ['T cells were studied.', 'The cells of T lymphocytes respond; cells divide.'];
    assert.equal(fixDropCap(doc[0]!, countWords(doc)), doc[0]);
    const ru = ['В ластям не понравилось.', 'Властям придётся ответить, сказали властям.'];
    assert.equal(fixDropCap(ru[0]!, countWords(ru)), 'Властям не понравилось.');
  });
});

describe('findPullQuotes', () => {
  const body =
    'The government proclaims that it supports reform. In reality, its heavy-handed control of ' +
    'society and a crackdown on dissent have been intensifying. Pressure has grown since.';
  test('drops a short block restating a passage of a longer one', () => {
    const quote = 'Kazakhstan’s heavy-handed control of society and a crackdown on dissent have been intensifying.';
    assert.deepEqual([...findPullQuotes([body, quote, 'Another paragraph entirely about other things here.'])], [1]);
    assert.deepEqual([...findPullQuotes([quote, body])], [0]);
  });
  test('keeps a real paragraph whose sentence a later, longer paragraph repeats word for word', () => {
    const first = 'Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.';
    const later = 'Tempor incididunt ut labore et dolore magna aliqua, sed do eiusmod tempor incididunt ut labore. ' + first;
    assert.equal(findPullQuotes([first, 'Another paragraph entirely about other things here.', later]).size, 0);
    // After its source, the same verbatim copy is a pull quote.
    assert.deepEqual([...findPullQuotes([later, first])], [1]);
  });
  test('keeps short paragraphs that do not repeat anything', () => {
    assert.equal(findPullQuotes([body, 'Now, however, the reality is becoming apparent to everyone.']).size, 0);
    assert.equal(findPullQuotes([body, 'Control of society.']).size, 0); // too short to judge
  });
  test('leaves headings and repeated list items alone', () => {
    const heading = 'Heavy-handed control of society and a crackdown on dissent';
    assert.equal(findPullQuotes([heading, body]).size, 0);
    const item = 'Portion containers: 1 green, 1 red, 1 yellow, 1 tsp.';
    assert.equal(findPullQuotes([item, body, item]).size, 0);
  });
});

describe('finishArticle', () => {
  test('normalises whitespace, drops chrome, offsets paragraphs', () => {
    const a = finishArticle(
      draft(['  T he\u00a0court   ruled.\n', 'Related Articles', '', 'Second   paragraph.'], { languageHint: 'en-US' }),
    );
    assert.equal(a.text, 'The court ruled.\n\nSecond paragraph.');
    assert.deepEqual(a.paragraphs, [{ start: 0, end: 16 }, { start: 18, end: 35 }]);
    assert.equal(a.language, 'en');
    assert.equal(a.truncated, false);
    assert.doesNotThrow(() => articleSchema.parse(a));
  });
  test('truncation', () => {
    assert.equal(finishArticle(draft(['One sentence.', 'Cut off in the middle of'])).truncated, true);
    assert.equal(finishArticle(draft(['He called it a “miracle.”'])).truncated, false);
    assert.equal(finishArticle(draft(['Is it over?'])).truncated, false);
    assert.equal(finishArticle(draft(['The first part of the story…'])).truncated, true);
    assert.equal(finishArticle(draft(['A full sentence.', 'Subscribe to read'])).truncated, true);
    assert.equal(finishArticle(draft(['A full sentence. Subscribe to continue reading'])).truncated, true);
    assert.equal(finishArticle(draft([])).truncated, false);
  });
  test('drops a leading repeat of the title and repeats of captions', () => {
    const a = finishArticle(
      draft(['Crackdown in Almaty', 'Protesters gathered.', 'Police at the square.'], {
        title: 'Crackdown in Almaty',
        credits: [{ caption: 'Police at the square.', credit: 'AP' }],
      }),
    );
    assert.equal(a.text, 'Protesters gathered.');
  });
  test('detects language, falling back to the hint for short text', () => {
    assert.equal(finishArticle(draft([RU_BODY], { languageHint: 'en' })).language, 'ru');
    assert.equal(finishArticle(draft([EN_BODY], { languageHint: 'ru' })).language, 'en');
    assert.equal(finishArticle(draft(['Суд.'], { languageHint: 'kk-KZ' })).language, 'kk');
    assert.equal(finishArticle(draft(['Short.'])).language, null);
  });
  test('keeps a given date and estimates a missing one', () => {
    const given = { value: '2020-01-02', estimated: false };
    assert.deepEqual(finishArticle(draft([EN_BODY], { publishedAt: given })).publishedAt, given);
    const est = finishArticle(draft(['The trial began on March 3, 2021, in Almaty.'])).publishedAt;
    assert.ok(est && est.estimated && est.from === '2021-03-03', JSON.stringify(est));
  });
});

describe('language helpers', () => {
  test('normaliseLanguageTag', () => {
    assert.equal(normaliseLanguageTag('en-US'), 'en');
    assert.equal(normaliseLanguageTag('RU'), 'ru');
    assert.equal(normaliseLanguageTag('kaz'), 'kk');
    assert.equal(normaliseLanguageTag(''), null);
    assert.equal(normaliseLanguageTag(null), null);
  });
  test('detectLanguage on Kazakh', () => {
    const kk =
      'Алматы қаласында полиция сенбі күні жер кодексіне енгізілген түзетулерге қарсы наразылық ' +
      'білдіру үшін орталық алаңға жиналған кемінде он екі белсендіні ұстады. Куәгерлердің ' +
      'айтуынша, полиция қызметкерлері бірнеше адамды ешқандай түсініктемесіз автобустарға отырғызған.';
    assert.equal(detectLanguage(kk, null), 'kk');
  });
  test('detectLanguage: the function-word shortcut answers only for English and Russian', () => {
    const en = 'The court in Almaty said on Monday that the activists who were detained at the rally would be held for ten days, and their lawyers said that they had not been allowed to see them. '.repeat(2);
    assert.equal(detectLanguage(en, 'ru'), 'en');
    const ru = 'Суд в Алматы в понедельник заявил, что задержанные на митинге активисты будут находиться под арестом десять суток, а их адвокаты сообщили, что им не дали увидеться с ними. '.repeat(2);
    assert.equal(detectLanguage(ru, 'en'), 'ru');
    // Ukrainian shares many Russian function words but has letters Russian lacks: franc decides.
    const uk = 'Суд в Алмати в понеділок заявив, що затримані на мітингу активісти перебуватимуть під арештом десять діб, а їхні адвокати повідомили, що їм не дали з ними побачитися. '.repeat(2);
    assert.equal(detectLanguage(uk, null), 'uk');
    const de = 'Das Gericht in Almaty erklärte am Montag, dass die bei der Kundgebung festgenommenen Aktivisten zehn Tage in Haft bleiben, und ihre Anwälte sagten, sie hätten sie nicht sehen dürfen. '.repeat(2);
    assert.equal(detectLanguage(de, 'en'), 'de');
  });
});

describe('estimatePublishedAt', () => {
  test('English: anchor year, past event, future cap', () => {
    const text =
      'On November 28, a court in Almaty sentenced the activists to five years. They were detained ' +
      'in May 2016 after rallies against the land reform. Their lawyers said they will appeal in January 2017.';
    const p = estimatePublishedAt(text, 'en');
    assert.deepEqual(p, { from: '2016-11-28', to: '2017-01-31', estimated: true });
  });
  test('English: a year in the future tense bounds the date from above', () => {
    const text = 'Growth is expected to slow to 1 percent in 2015. Protests took place on October 3.';
    const p = estimatePublishedAt(text, 'en');
    assert.deepEqual(p, { from: '2015-10-03', to: '2015-12-31', estimated: true });
  });
  test('Russian', () => {
    const text =
      'Суд Алматы 28 ноября 2016 года приговорил активистов к пяти годам заключения. Они были ' +
      'задержаны 17 мая. Апелляция будет рассмотрена в январе 2017 года.';
    const p = estimatePublishedAt(text, 'ru');
    assert.deepEqual(p, { from: '2016-11-28', to: '2017-01-31', estimated: true });
  });
  test('names with years and other numbers are not dates', () => {
    assert.equal(estimatePublishedAt('Preparations for Expo 2017 are under way. 2000 people came.', 'en'), null);
    assert.equal(estimatePublishedAt('No dates in this text at all.', 'en'), null);
    assert.equal(estimatePublishedAt('', null), null);
  });
  test('only future references give an interval before them', () => {
    const p = estimatePublishedAt('The new law will take effect in March 2019.', 'en');
    assert.deepEqual(p, { from: '2018-03-31', to: '2019-03-31', estimated: true });
  });
  test('tense', () => {
    const t = 'The vote will be held on May 5. It was held on May 5.';
    assert.equal(classifyTense(t, 25, 30), 'future');
    assert.equal(classifyTense(t, 47, 52), 'past');
    const s = 'the lowest rate since 1998';
    assert.equal(classifyTense(s, 22, 26), 'past');
    const by = 'They estimated that by 2050 demand would double. By 2015 the number had doubled.';
    assert.equal(classifyTense(by, 23, 27), 'future');
    assert.equal(classifyTense(by, 52, 56), 'past');
    const run = 'The exhibit runs through March 9. He was held until March 5.';
    assert.equal(classifyTense(run, 25, 32), 'future');
    assert.equal(classifyTense(run, 52, 59), 'past');
  });
});

describe('splitCaptionCredit', () => {
  test('credit forms', () => {
    assert.deepEqual(splitCaptionCredit('Ak Orda in Astana, June 2011. Shamil Zhumatov / REUTERS'), {
      caption: 'Ak Orda in Astana, June 2011.', credit: 'Shamil Zhumatov / REUTERS',
    });
    assert.deepEqual(splitCaptionCredit('Police detain a protester. (AP Photo/Vladimir Tretyakov)'), {
      caption: 'Police detain a protester.', credit: 'AP Photo/Vladimir Tretyakov',
    });
    assert.deepEqual(splitCaptionCredit('Митинг в Алматы. Фото: Иван Петров'), {
      caption: 'Митинг в Алматы.', credit: 'Иван Петров',
    });
    assert.deepEqual(splitCaptionCredit('Nursultan Nazarbayev in 2015. AFP/Getty Images'), {
      caption: 'Nursultan Nazarbayev in 2015.', credit: 'AFP/Getty Images',
    });
  });
  test('ordinary sentences are not captions', () => {
    for (const s of ['The court ruled on Monday.', 'Kazakhstan’s Human Rights Crackdown', 'He works for Reuters in Almaty.', 'U.S. President-elect Donald Trump appears to believe it.']) {
      assert.equal(splitCaptionCredit(s), null, s);
    }
  });
});

describe('cleanPlainText', () => {
  test('failures', () => {
    assert.deepEqual(cleanPlainText(''), { ok: false, reason: 'empty document' });
    assert.deepEqual(cleanPlainText(' \n\t\n '), { ok: false, reason: 'empty document' });
    const nul = cleanPlainText('PK\u0003\u0004\u0000\u0000binary');
    assert.ok(!nul.ok && /NUL/.test(nul.reason));
    const garbled = cleanPlainText('\u0001\u0002\u0003\u0004\u0005 text \u0006\u0007');
    assert.ok(!garbled.ok && /garbled/.test(garbled.reason));
    const chrome = cleanPlainText('Loading, please wait...\n\nRelated Articles');
    assert.ok(!chrome.ok);
  });
  test('head: title, subtitle, byline, date, caption', () => {
    const r = cleanPlainText(
      [
        'Activists Jailed in Almaty',
        'Court hands down five-year terms',
        'By Jane Doe',
        'December 20, 2016',
        'Protesters in Atyrau, April 2016. Ivan Petrov / AFP',
        EN_BODY,
        'Share this article',
      ].join('\n\n'),
      { languageHint: 'en-GB' },
    );
    assert.ok(r.ok);
    const a = r.value;
    assert.equal(a.title, 'Activists Jailed in Almaty');
    assert.equal(a.subtitle, 'Court hands down five-year terms');
    assert.equal(a.byline, 'Jane Doe');
    assert.deepEqual(a.publishedAt, { value: '2016-12-20', estimated: false });
    assert.deepEqual(a.credits, [{ caption: 'Protesters in Atyrau, April 2016.', credit: 'Ivan Petrov / AFP' }]);
    assert.equal(a.text, EN_BODY);
    assert.equal(a.language, 'en');
    assert.equal(a.truncated, false);
  });
  test('a text without a heading has no title', () => {
    const r = cleanPlainText(`${EN_BODY}\n\n${EN_BODY.replace('Police', 'Officers')}`);
    assert.ok(r.ok);
    assert.equal(r.value.title, null);
    assert.equal(r.value.paragraphs.length, 2);
  });
  test('hard-wrapped lines are joined; one-paragraph-per-line text is split', () => {
    const wrapped = cleanPlainText('Police in Almaty detained at least twelve activists on\nSaturday, witnesses said.\n\nSecond paragraph here.');
    assert.ok(wrapped.ok);
    assert.equal(wrapped.value.text, 'Police in Almaty detained at least twelve activists on Saturday, witnesses said.\n\nSecond paragraph here.');
    const lines = cleanPlainText('First paragraph ends here.\nSecond paragraph ends here.');
    assert.ok(lines.ok);
    assert.equal(lines.value.paragraphs.length, 2);
  });
  test('Russian text', () => {
    const r = cleanPlainText(`Активистов задержали в Алматы\n\n${RU_BODY}\n\nЧитайте также\n\nМы используем файлы cookie.`);
    assert.ok(r.ok);
    assert.equal(r.value.title, 'Активистов задержали в Алматы');
    assert.equal(r.value.text, RU_BODY);
    assert.equal(r.value.language, 'ru');
  });
});

describe('properties', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc.string({ unit: 'grapheme', maxLength: 400 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom('U .S. ', 'T he ', 'A man ', 'Related Articles', 'Loading, please wait...', '\n\n', '\n', '. ', '…', ' 2016', ' December 16', ' will ', ' was ', ' / REUTERS', 'Фото: ', '\u00a0', '\u200b', '“', '”'),
          fc.string({ maxLength: 30 }),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join('')),
  );

  function checkOffsets(a: ReturnType<typeof finishArticle>): void {
    for (const { start, end } of a.paragraphs) {
      assert.ok(0 <= start && start <= end && end <= a.text.length);
      assert.ok(a.text.slice(start, end).length > 0);
    }
    assert.doesNotThrow(() => articleSchema.parse(a));
  }

  test('cleanPlainText never throws and keeps offsets valid', () => {
    fc.assert(
      fc.property(text, (s) => {
        const r = cleanPlainText(s);
        if (r.ok) checkOffsets(r.value);
        else assert.equal(typeof r.reason, 'string');
      }),
      { numRuns: 300 },
    );
  });

  test('finishArticle never throws and keeps offsets valid', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), fc.option(fc.string({ maxLength: 12 })), (blocks, hint) => {
        checkOffsets(finishArticle(draft(blocks, { languageHint: hint, title: blocks[0] ?? null })));
      }),
      { numRuns: 300 },
    );
  });
});
