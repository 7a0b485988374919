/**
 * Issue 4's incident: three reports about one detention (fictional people, see
 * test/fixtures/incident/): an English news page, a Russian news page and a Russian NGO
 * statement, each spelling the activist differently (Yerlan Koshanov / Qoshanov; Ерлан
 * Кошанов, Е. Кошанова; Ерлана Қошанова, Қошанов Ерлан Маратович, Кошанова Ерлана) and
 * disagreeing on the length of his administrative arrest (10 days, 15 суток, 10 суток).
 * The extract stage must give the records layer, for each report: the detention (trigger,
 * evidence, date 2024-03-12, Atyrau, police and the activist), the activist as one PERSON,
 * the NGO as an ORGANIZATION and Atyrau as a resolved place.
 * A second part checks the rules these reports needed on other names and sentences.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Extraction, ExtractedEvent } from '../src/domain/extraction.js';
import { cleanCapture } from '../src/pipeline/clean/clean-capture.js';
import { canonicalize } from '../src/pipeline/extract/canonical.js';
import { extractArticle } from '../src/pipeline/extract/extract.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'incident');

/** As `chronicle extract FILE` does it: capture-clean the bytes, then extract. */
async function extractFixture(name: string): Promise<Extraction> {
  const cleaned = await cleanCapture({
    bytes: fs.readFileSync(path.join(FIXTURES, name)), contentType: null, fileName: name, url: null, languageHint: null,
  });
  assert.ok(cleaned.article.ok, `${name}: ${cleaned.article.ok ? '' : cleaned.article.reason}`);
  const a = cleaned.article.value;
  const x = extractArticle(a.text, { publishedAt: a.publishedAt, languageHint: a.language });
  assert.ok(x.ok, `${name}: ${x.ok ? '' : x.reason}`);
  return x.value;
}

const slice = (x: Extraction, s: { start: number; end: number }) => x.text.slice(s.start, s.end);

function assertOffsets(x: Extraction): void {
  for (const item of [...x.entities, ...x.dates, ...x.places]) assert.equal(slice(x, item), item.text);
  for (const e of x.events) {
    assert.ok(e.evidence.start <= e.trigger.start && e.trigger.end <= e.evidence.end, 'trigger inside its evidence');
    for (const p of e.participants) assert.equal(slice(x, p), p.text);
    if (e.date) assert.equal(slice(x, e.date), e.date.text);
    if (e.place) assert.equal(slice(x, e.place), e.place.text);
  }
}

/** The canonical name of the PERSON entity at exactly this span. */
function personAt(x: Extraction, span: { start: number; end: number }): string | undefined {
  return x.entities.find((e) => e.type === 'PERSON' && e.start === span.start && e.end === span.end)?.canonical;
}

/** The detention of 12 March in Atyrau, with police and the activist. */
function theDetention(x: Extraction, activist: string, police: RegExp): ExtractedEvent {
  const found = x.events.filter((e) => (e.type === 'detention' || e.type === 'arrest')
    && e.date?.from === '2024-03-12' && e.date.to === '2024-03-12' && e.date.precision === 'day'
    && e.place?.name === 'Atyrau' && e.place.country === 'KZ'
    && e.participants.some((p) => p.role === 'victim' && personAt(x, p) === activist)
    && e.participants.some((p) => p.role === 'perpetrator' && police.test(p.text)));
  assert.ok(found.length > 0, JSON.stringify(x.events.map((e) => [e.type, slice(x, e.trigger), e.date?.from, e.place?.name,
    e.participants.map((p) => `${p.role}:${p.text}`)])));
  const event = found[0]!;
  assert.equal(event.negated, false);
  assert.equal(event.hedged, false);
  assert.ok(event.acled !== null && event.esfTerm !== null);
  return event;
}

/** All surface forms sharing one canonical PERSON name. */
const aliases = (x: Extraction, canonical: string) =>
  new Set(x.entities.filter((e) => e.type === 'PERSON' && e.canonical === canonical).map((e) => e.text));

/** The administrative arrest with its length in the trigger, dated to the hearing (a headline may repeat it undated). */
function theArrestTerm(x: Extraction, term: RegExp): ExtractedEvent {
  const e = x.events.find((ev) => ev.type === 'detention' && term.test(slice(x, ev.trigger)) && ev.date?.from === '2024-03-13');
  assert.ok(e, JSON.stringify(x.events.map((ev) => [ev.type, slice(x, ev.trigger), ev.date?.from])));
  assert.equal(e.date?.to, '2024-03-13');
  assert.equal(e.place?.name, 'Atyrau');
  return e;
}

const atyrauResolved = (x: Extraction) =>
  x.places.some((p) => p.name === 'Atyrau' && p.country === 'KZ' && p.kind === 'city' && p.admin1 === 'Atyrau Region');

describe('issue 4: three reports of one detention', () => {
  test('English news page: Yerlan Koshanov / Qoshanov, 10 days', async () => {
    const x = await extractFixture('en-news.html');
    assert.equal(x.language, 'en');
    assert.equal(x.publishedAt?.value, '2024-03-13');
    assertOffsets(x);

    const activist = 'Yerlan Koshanov';
    const detention = theDetention(x, activist, /^police$/i);
    assert.equal(slice(x, detention.trigger), 'detained');
    assert.match(slice(x, detention.evidence), /Police in the western Kazakh city of Atyrau detained/);
    const forms = aliases(x, activist);
    for (const f of ['Yerlan Koshanov', 'Koshanov', 'Qoshanov']) assert.ok(forms.has(f), `${f} in ${[...forms]}`);
    // "Mr Koshanov", "Mr Qoshanov": the name, not the title.
    assert.ok(x.entities.some((e) => e.text === 'Qoshanov' && x.text.slice(e.start - 3, e.start) === 'Mr ' && e.canonical === activist));
    // His wife shares the surname but is another person.
    assert.equal(x.entities.find((e) => e.text === 'Gulnar Koshanova')?.canonical, 'Gulnar Koshanova');

    assert.ok(x.entities.some((e) => e.type === 'ORGANIZATION' && e.canonical === 'Caspian Human Rights Bureau'));
    assert.ok(x.entities.some((e) => e.type === 'PERSON' && e.canonical === 'Kassym-Jomart Tokayev'));
    assert.ok(atyrauResolved(x));

    // The court's decision: a sentencing dated Wednesday = 13 March, and the term it set.
    const sentencing = x.events.find((e) => e.type === 'sentencing');
    assert.equal(sentencing?.date?.from, '2024-03-13');
    assert.match(sentencing!.participants.find((p) => p.role === 'perpetrator')?.text ?? '', /court/);
    assert.equal(slice(x, theArrestTerm(x, /^10 days of administrative arrest$/).trigger), '10 days of administrative arrest');
    // "police filmed them but made no further arrests": reported, not an arrest.
    const none = x.events.find((e) => slice(x, e.trigger) === 'arrests');
    assert.equal(none?.negated, true);
    // "Isatay and Makhambet Square" is a square in Atyrau, not the village of Makhambet.
    assert.ok(!x.places.some((p) => p.name === 'Makhambet'));
  });

  test('Russian news page: Ерлан Кошанов / Е. Кошанова, 15 суток', async () => {
    const x = await extractFixture('ru-news.html');
    assert.equal(x.language, 'ru');
    assert.equal(x.publishedAt?.value, '2024-03-13');
    assertOffsets(x);

    const activist = 'Ерлан Кошанов';
    const detention = theDetention(x, activist, /^полици/i);
    assert.equal(slice(x, detention.trigger), 'задержан');
    assert.equal(slice(x, detention.evidence), 'Гражданский активист Ерлан Кошанов задержан полицией в Атырау 12 марта.');
    const forms = aliases(x, activist);
    for (const f of ['Ерлан Кошанов', 'Е. Кошанова', 'Кошанов']) assert.ok(forms.has(f), `${f} in ${[...forms]}`);
    // "Гульнар Кошанова" is his wife (a first name that cannot be a masculine genitive), shown as a woman.
    assert.equal(x.entities.find((e) => e.text === 'Гульнар Кошанова')?.canonical, 'Гульнар Кошанова');
    assert.ok(!forms.has('Гульнар Кошанова'));

    assert.ok(x.entities.some((e) => e.type === 'ORGANIZATION' && /бюро по правам человека/.test(e.canonical)));
    assert.ok(x.entities.some((e) => e.type === 'PERSON' && e.canonical === 'Касым-Жомарт Токаев'));
    assert.ok(atyrauResolved(x));

    const term = theArrestTerm(x, /^15 суток административного ареста$/);
    assert.ok(term.participants.some((p) => p.role === 'victim' && personAt(x, p) === activist));
    assert.ok(term.participants.some((p) => p.role === 'perpetrator' && /суд/.test(p.text)));
    const sentencing = x.events.find((e) => e.type === 'sentencing');
    assert.ok(sentencing?.participants.some((p) => p.role === 'victim' && personAt(x, p) === activist));
    assert.equal(sentencing?.date?.from, '2024-03-13');
  });

  test('Russian NGO statement: Ерлана Қошанова, Қошанов Ерлан Маратович, Кошанова Ерлана, 10 суток', async () => {
    const x = await extractFixture('ru-ngo-statement.txt');
    assert.equal(x.language, 'ru');
    assert.equal(x.publishedAt?.value, '2024-03-13');
    assertOffsets(x);

    // One person, whatever the spelling, word order or case; the fullest form is the name.
    const activist = 'Қошанов Ерлан Маратович';
    const forms = aliases(x, activist);
    for (const f of ['Ерлана Қошанова', 'Қошанов Ерлан Маратович', 'Кошанова Ерлана', 'Е. Қошанова']) assert.ok(forms.has(f), `${f} in ${[...forms]}`);
    assert.equal(new Set(x.entities.filter((e) => e.type === 'PERSON' && /ошанов/iu.test(e.text)).map((e) => e.canonical)).size, 1);
    const detention = theDetention(x, activist, /^(?:сотрудник\p{L}* )?полици/iu);
    assert.equal(slice(x, detention.trigger), 'задержан');
    // The place is not in the sentence ("у своего дома в микрорайоне Авангард"): it is the statement's setting.
    assert.equal(slice(x, detention.place!), 'Атырау');

    const ngo = 'Каспийское бюро по правам человека';
    assert.ok(x.entities.some((e) => e.type === 'ORGANIZATION' && e.text === 'Бюро' && e.canonical === ngo));
    assert.ok(x.entities.some((e) => e.type === 'ORGANIZATION' && e.text === 'Каспийского бюро по правам человека' && e.canonical === ngo));
    // The bureau speaks about the detention; it never did it.
    for (const e of x.events) {
      assert.ok(!e.participants.some((p) => p.role === 'perpetrator' && /бюро/iu.test(p.text)), slice(x, e.evidence));
    }
    // The signatory is a woman.
    assert.equal(x.entities.find((e) => e.text === 'Сауле Ермекова')?.canonical, 'Сауле Ермекова');
    assert.ok(atyrauResolved(x));

    const term = theArrestTerm(x, /^административному аресту сроком на 10 суток$/);
    assert.ok(term.participants.some((p) => p.role === 'victim' && personAt(x, p) === activist));
    // "гражданского активиста Ерлана Қошанова": the victim is the person, not the adjective.
    const first = x.events.find((e) => e.type === 'detention');
    assert.equal(first?.participants.find((p) => p.role === 'victim')?.text, 'Ерлана Қошанова');
  });

  test('the three reports disagree on the term: the lengths reach the records layer side by side', async () => {
    const terms: string[] = [];
    for (const name of ['en-news.html', 'ru-news.html', 'ru-ngo-statement.txt']) {
      const x = await extractFixture(name);
      const term = theArrestTerm(x, /\d+ (?:days|суток)/u);
      terms.push(/(\d+)/u.exec(slice(x, term.trigger))![1]!);
    }
    assert.deepEqual(terms, ['10', '15', '10']);
  });
});

describe('the rules these reports needed, on other names', () => {
  const span = (text: string, type: 'PERSON' | 'ORGANIZATION' = 'PERSON') => ({ text, type, start: 0, end: text.length });
  const run = (text: string, lang: 'en' | 'ru') => {
    const x = extractArticle(text, { lang, date: '2024-03-20' });
    assert.ok(x.ok);
    assertOffsets(x.value);
    return x.value;
  };

  test('Russian names: word order, initials, patronymics and gender', () => {
    assert.deepEqual(
      canonicalize(['Жанар Ахметова', 'Ахметов Болат Серикович', 'Ахметов', 'Б. Ахметова', 'Ахметовой', 'Болата Ахметова'].map((t) => span(t)), 'ru'),
      ['Жанар Ахметова', 'Ахметов Болат Серикович', 'Ахметов Болат Серикович', 'Ахметов Болат Серикович', 'Жанар Ахметова', 'Ахметов Болат Серикович'],
    );
    // Kazakh letters in Russian text fold to their Russian neighbours.
    assert.deepEqual(canonicalize(['Ерлан Қошанов', 'Кошанова'].map((t) => span(t)), 'ru'), ['Ерлан Қошанов', 'Ерлан Қошанов']);
    // A woman's name in an oblique case is shown in the nominative.
    assert.deepEqual(canonicalize(['Татьяны Устиновой', 'Устиновой'].map((t) => span(t)), 'ru'), ['Татьяна Устинова', 'Татьяна Устинова']);
  });

  test('Latin transliterations of one name merge; a given name ending like a surname does not catch a lone first name', () => {
    assert.deepEqual(canonicalize(['Qairat Zhaqsylyq', 'Kairat Zhaksylyk', 'Zhaksylyk', 'Max Bokayev', 'Bokaev'].map((t) => span(t)), 'en'),
      ['Qairat Zhaqsylyq', 'Qairat Zhaqsylyq', 'Qairat Zhaqsylyq', 'Max Bokayev', 'Max Bokayev']);
    assert.deepEqual(canonicalize(['Kevin Kindall', 'Kevin'].map((t) => span(t)), 'en'), ['Kevin Kindall', 'Kevin']);
  });

  test('a common-noun short name joins its organisation; a brand inside another name does not', () => {
    assert.deepEqual(canonicalize([span('Казахстанское бюро по правам человека', 'ORGANIZATION'), span('Бюро', 'ORGANIZATION'),
      span('Google Science Fair', 'ORGANIZATION'), span('Google', 'ORGANIZATION')], 'ru'),
    ['Казахстанское бюро по правам человека', 'Казахстанское бюро по правам человека', 'Google Science Fair', 'Google']);
  });

  test('a surname written again in another spelling, or after "Mr", is the same person', () => {
    const x = run('Marat Bokayev was detained on 5 March. His wife said Mr Bokaev had been warned. Activists said Bokayev’s arrest was political.', 'en');
    const people = x.entities.filter((e) => e.type === 'PERSON');
    assert.deepEqual(people.map((e) => [e.text, e.canonical]),
      [['Marat Bokayev', 'Marat Bokayev'], ['Bokaev', 'Marat Bokayev'], ['Bokayev', 'Marat Bokayev']]);
  });

  test('administrative arrest with its length; "made no arrests" is negated', () => {
    const en = run('A court in Shymkent sentenced Bokayev to fifteen days of administrative arrest. Police made no arrests at the rally.', 'en');
    const term = en.events.find((e) => e.type === 'detention');
    assert.equal(term && slice(en, term.trigger), 'fifteen days of administrative arrest');
    assert.equal(en.events.find((e) => slice(en, e.trigger) === 'arrests')?.negated, true);
    const ru = run('Суд Шымкента назначил Ивану Петрову 7 суток ареста. Позже Петров был арестован на десять суток.', 'ru');
    assert.deepEqual(ru.events.filter((e) => e.type === 'detention').map((e) => slice(ru, e.trigger)), ['7 суток ареста', 'арестован на десять суток']);
  });

  test('an NGO condemning a detention is neither its perpetrator nor a court ("осудил" = condemned)', () => {
    const x = run('Правозащитный центр «Мемориал» осудил задержание активиста Ивана Петрова в Алматы 5 марта.', 'ru');
    assert.deepEqual(x.events.map((e) => e.type), ['detention']);
    const e = x.events[0]!;
    assert.deepEqual(e.participants.map((p) => [p.role, p.text]), [['victim', 'Ивана Петрова']]);
    assert.equal(e.place?.name, 'Almaty');
  });
});
