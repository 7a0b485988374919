import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluateEvents, loadNerel } from '../bench/extract-events.js';
import { cleanPlainText } from '../src/pipeline/clean/plain-text.js';
import { type ExtractDatesOptions, extractDates } from '../src/pipeline/extract/dates/extract-dates.js';
import { EVENT_TYPES, extractEvents } from '../src/pipeline/extract/events/extract-events.js';
import type { EventCandidate, EventContext } from '../src/pipeline/extract/events/types.js';
import { ESF_ASSEMBLY_LAW } from '../src/pipeline/extract/events/vocabulary.js';
import { tagEntities } from '../src/pipeline/extract/ner/tagger.js';
import { extractPlaces } from '../src/pipeline/extract/places/index.js';
import path from 'node:path';
import { sharedDir } from './support/tmp.js';

const shared = (p: string): string => path.join(sharedDir, p);

function contextOf(text: string, lang: 'en' | 'ru' | 'kk', reference: ExtractDatesOptions['reference'] = '2016-05-10'): EventContext {
  return {
    text, lang, entities: tagEntities(text, lang),
    dates: extractDates(text, { lang, reference }), places: extractPlaces(text, lang),
  };
}
const run = (text: string, lang: 'en' | 'ru' | 'kk' = 'en', reference?: ExtractDatesOptions['reference']): EventCandidate[] =>
  extractEvents(contextOf(text, lang, reference));
const slice = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);
const one = (events: EventCandidate[], type: string): EventCandidate => {
  const e = events.find((x) => x.type === type);
  assert.ok(e, `no ${type} in ${JSON.stringify(events.map((x) => x.type))}`);
  return e;
};
const role = (e: EventCandidate, r: string): string[] => e.participants.filter((p) => p.role === r).map((p) => p.text);

function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '"') { if (s[i + 1] === '"') { f += '"'; i++; } else q = false; } else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(f); f = ''; } else if (c === '\n') { row.push(f); rows.push(row); row = []; f = ''; } else if (c !== '\r') f += c;
  }
  if (f || row.length) { row.push(f); rows.push(row); }
  return rows;
}

describe('event vocabulary', () => {
  it('every ESF term is a real "types of acts" id with its label; every ACLED pair exists', () => {
    const acts = new Map(parseCsv(readFileSync(shared('esf/esf-micro-thesauri.csv'), 'utf8'))
      .filter((r) => r[1] === 'types of acts').map((r) => [r[2], r[5]]));
    const acled = new Set(readFileSync(shared('acled/acled-event-types.csv'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split(',').slice(1).join('|')));
    for (const [type, info] of Object.entries(EVENT_TYPES)) {
      if (info.esf) assert.equal(acts.get(info.esf.id), info.esf.label, type);
      if (info.acled) assert.ok(acled.has(`${info.acled.eventType}|${info.acled.subEventType}`), type);
    }
    assert.equal(acts.get(ESF_ASSEMBLY_LAW.id), ESF_ASSEMBLY_LAW.label);
    for (const t of ['arrest', 'detention', 'sentencing', 'charges', 'search', 'fine', 'travel-ban', 'torture', 'ill-treatment',
      'killing', 'disappearance', 'attack-on-protest', 'assembly-ban', 'dispersal', 'censorship', 'restrictive-law',
      'harassment', 'dissolution', 'protest', 'riot']) assert.ok(t in EVENT_TYPES, t);
  });
});

describe('events in English', () => {
  it('"Police detained dozens of protesters in Atyrau on 24 April" is a detention with all its facts', () => {
    const text = 'Police detained dozens of protesters in Atyrau on 24 April.';
    const events = run(text, 'en', '2016-05-10');
    const e = one(events, 'detention');
    assert.equal(slice(text, e.trigger), 'detained');
    assert.equal(e.esfTerm, '03010200000004');
    assert.deepEqual(e.acled, { eventType: 'Strategic developments', subEventType: 'Arrests' });
    assert.deepEqual(role(e, 'perpetrator'), ['Police']);
    assert.deepEqual(role(e, 'victim'), ['protesters']);
    assert.deepEqual(e.count, { value: 24, approximate: true, text: 'dozens' });
    assert.equal(e.place?.name, 'Atyrau');
    assert.equal(e.date?.from, '2016-04-24');
    assert.equal(e.date?.to, '2016-04-24');
    assert.equal(e.negated, false);
    assert.equal(e.hedged, false);
    assert.ok(e.confidence >= 0.9);
    assert.equal(one(events, 'protest').acled?.subEventType, 'Protest with intervention');
  });

  it('hedged and negated mentions are kept and flagged', () => {
    const plan = one(run('The government plans to ban rallies.'), 'assembly-ban');
    assert.equal(plan.hedged, true);
    assert.deepEqual(role(plan, 'perpetrator'), ['The government']);
    const denied = one(run('Police denied detaining the journalists.'), 'detention');
    assert.equal(denied.negated, true);
    assert.deepEqual(role(denied, 'victim'), ['journalists']);
    const face = one(run('Activist Max Bokayev could face ten years in prison.'), 'sentencing');
    assert.equal(face.hedged, true);
    const not = one(run('He was not arrested.'), 'arrest');
    assert.equal(not.negated, true);
    assert.ok(not.confidence < one(run('He was arrested.'), 'arrest').confidence);
    assert.equal(one(run('Two activists were reportedly detained in Almaty.'), 'detention').hedged, true);
    assert.equal(one(run('The journalist was allegedly beaten in custody.'), 'ill-treatment').hedged, true);
    // "May" the month is not the modal "may".
    assert.equal(one(run('Police detained five activists in May.'), 'detention').hedged, false);
  });

  it('passive voice, "by" agents, coordinated victims and exact counts', () => {
    const text = 'Maks Bokayev and Talgat Ayan were sentenced to five years by a court in Atyrau.';
    const e = one(run(text), 'sentencing');
    assert.deepEqual(role(e, 'victim'), ['Maks Bokayev', 'Talgat Ayan']);
    assert.deepEqual(role(e, 'perpetrator'), ['a court']);
    const c = one(run('At least 30 people were detained by riot police.'), 'detention');
    assert.equal(c.count?.value, 30);
    assert.deepEqual(role(c, 'perpetrator'), ['riot police']);
    assert.ok(!run('At least 30 people were detained by riot police.').some((x) => x.type === 'riot'));
  });

  it('recognises the other act types', () => {
    const cases: [string, string][] = [
      ['The court fined three activists for an unsanctioned rally.', 'fine'],
      ['Access to the Ratel.kz website was blocked in March.', 'censorship'],
      ['A court in Astana liquidated the NGO Atajurt.', 'dissolution'],
      ['Journalist Aigerim Tleuzhan was tortured in custody.', 'torture'],
      ['Police dispersed the rally in Zhanaozen with tear gas.', 'dispersal'],
      ['Police dispersed the rally in Zhanaozen with tear gas.', 'attack-on-protest'],
      ['Parliament adopted a law restricting peaceful assemblies.', 'restrictive-law'],
      ['Two opposition activists went missing.', 'disappearance'],
      ['Security forces shot dead three protesters.', 'killing'],
      ['Police searched the homes of five journalists.', 'search'],
      ['He was banned from leaving Kazakhstan.', 'travel-ban'],
      ['The blogger was charged with spreading false information.', 'charges'],
      ['Activists say they were harassed and intimidated by the KNB.', 'harassment'],
      ['Oil workers went on strike in Zhanaozen.', 'protest'],
      ['Riots broke out in the city.', 'riot'],
    ];
    for (const [text, type] of cases) one(run(text), type);
    const law = one(run('Parliament adopted a law restricting peaceful assemblies.'), 'restrictive-law');
    assert.equal(law.esfTerm, ESF_ASSEMBLY_LAW.id);
    assert.equal(one(run('Security forces shot dead three protesters.'), 'protest').acled?.subEventType, 'Excessive force against protesters');
  });

  it('the seed: the April–May 2016 protests', () => {
    const cleaned = cleanPlainText(readFileSync(shared('seeds/000_cfd9752ff6140044.txt'), 'utf8'));
    assert.ok(cleaned.ok);
    const a = cleaned.value;
    // The seed states no date; the cleaner estimates one (December 2016).
    const pub = a.publishedAt;
    const events = run(a.text, 'en', pub?.from && pub.to ? { from: pub.from, to: pub.to } : '2016-12-16');
    const p = events.find((e) => e.type === 'protest' && /public protests in several cities/.test(slice(a.text, e.evidence)));
    assert.ok(p, JSON.stringify(events.map((e) => e.type)));
    assert.equal(slice(a.text, p.trigger), 'protests');
    assert.equal(p.date?.from, '2016-04-01');
    assert.equal(p.date?.to, '2016-05-31');
    assert.deepEqual(p.acled, { eventType: 'Protests', subEventType: 'Peaceful protest' });
  });
});

describe('events in Russian and Kazakh', () => {
  it('active voice with a named victim, place and date', () => {
    const text = 'Полиция задержала активиста Максима Иванова в Алматы 5 января 2022 года.';
    const e = one(run(text, 'ru', '2022-01-06'), 'detention');
    assert.deepEqual(role(e, 'perpetrator'), ['Полиция']);
    assert.deepEqual(role(e, 'victim'), ['Максима Иванова']);
    assert.equal(e.place?.name, 'Almaty');
    assert.equal(e.date?.from, '2022-01-05');
  });

  it('passive voice, instrumental agent, approximate counts', () => {
    const e = one(run('Десятки протестующих были задержаны полицией в Жанаозене.', 'ru'), 'detention');
    assert.deepEqual(e.count, { value: 24, approximate: true, text: 'Десятки' });
    assert.deepEqual(role(e, 'perpetrator'), ['полицией']);
    assert.deepEqual(role(e, 'victim'), ['протестующих']);
    assert.equal(e.place?.name, 'Zhanaozen');
    assert.equal(one(run('Полицейские задержали более 500 человек.', 'ru'), 'detention').count?.value, 500);
    assert.equal(one(run('Полиция задержала пятерых активистов.', 'ru'), 'detention').count?.value, 5);
  });

  it('negation, denial and hedges', () => {
    assert.equal(one(run('Журналист не был задержан.', 'ru'), 'detention').negated, true);
    assert.equal(one(run('МВД отрицает задержание журналистов.', 'ru'), 'detention').negated, true);
    assert.equal(one(run('Задержание журналистов в МВД отрицают.', 'ru'), 'detention').negated, true);
    assert.equal(one(run('Ему грозит до пяти лет заключения.', 'ru'), 'sentencing').hedged, true);
    assert.equal(one(run('Активиста якобы избили в полиции.', 'ru'), 'ill-treatment').hedged, true);
    assert.equal(one(run('Власти планируют запрет на проведение митингов.', 'ru'), 'assembly-ban').hedged, true);
  });

  it('recognises the other act types', () => {
    const cases: [string, string][] = [
      ['Суд приговорил блогера Ивана Петрова к трем годам лишения свободы.', 'sentencing'],
      ['Активисту предъявлено обвинение в распространении ложной информации.', 'charges'],
      ['В отношении журналиста возбуждено уголовное дело.', 'charges'],
      ['В квартире правозащитника прошел обыск.', 'search'],
      ['Суд оштрафовал активиста на 100 МРП.', 'fine'],
      ['Журналисту установили запрет на выезд.', 'travel-ban'],
      ['Задержанный заявил о пытках.', 'torture'],
      ['Полиция разогнала митинг в Алматы.', 'dispersal'],
      ['Сайт издания заблокирован.', 'censorship'],
      ['Суд постановил ликвидацию партии.', 'dissolution'],
      ['Активист пропал без вести.', 'disappearance'],
      ['Рабочие объявили забастовку.', 'protest'],
      ['В городе начались массовые беспорядки.', 'riot'],
    ];
    for (const [text, type] of cases) one(run(text, 'ru'), type);
  });

  it('Kazakh: a first trigger set', () => {
    const e = one(run('Полиция Алматыда үш белсендіні ұстады.', 'kk'), 'detention');
    assert.deepEqual(role(e, 'perpetrator'), ['Полиция']);
    one(run('Жаңаөзенде наразылық акциясы өтті.', 'kk'), 'protest');
    one(run('Сот журналисті бас бостандығынан айырды.', 'kk'), 'sentencing');
  });
});

describe('bad input', () => {
  // The time limit only catches a super-linear blow-up; speed is measured in bench/extract-events.ts.
  it('empty, trigger-free and huge single-paragraph text', { timeout: 60_000 }, () => {
    assert.deepEqual(extractEvents({ text: '', lang: 'en', entities: [], dates: [], places: [] }), []);
    assert.deepEqual(run('The weather was fine and sunny.'), []);
    const big = 'Police detained dozens of protesters in Atyrau on 24 April and '.repeat(80_000); // ~5 MB, no sentence end
    const events = extractEvents({ text: big, lang: 'en', entities: [], dates: [], places: [] });
    assert.ok(events.length >= 1);
    for (const e of events) assert.ok(e.evidence.end - e.evidence.start <= 600);
  });

  it('property: spans lie inside the text, slice to their text, and evidence holds the trigger', () => {
    const pieces = ['Police ', 'detained ', 'arrested ', 'were not ', 'dozens of ', 'protesters ', 'in Atyrau ', 'on 24 April',
      '. ', '\n', 'Полиция ', 'задержала ', 'активистов ', 'не был ', 'задержан ', 'митинг ', 'Nazarbayev ', 'by ', 'U.S. ',
      '😀', '\u0000', '\u202e', 'ұстады ', 'plans to ', 'ban rallies', 'at least 30 ', 'people ', 'sentenced ', 'Астана ', ' '];
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 }),
      fc.constantFrom('en', 'ru', 'kk'),
      (parts, lang) => {
        const text = parts.join('');
        const ctx = contextOf(text, lang as 'en' | 'ru' | 'kk');
        for (const e of extractEvents(ctx)) {
          const inside = (s: { start: number; end: number }): boolean => Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start < s.end && s.end <= text.length;
          assert.ok(inside(e.trigger) && inside(e.evidence));
          assert.ok(e.evidence.start <= e.trigger.start && e.trigger.end <= e.evidence.end);
          for (const p of e.participants) { assert.ok(inside(p)); assert.equal(text.slice(p.start, p.end), p.text); }
          if (e.count) assert.ok(text.includes(e.count.text) && e.count.value > 0);
          if (e.date) assert.equal(text.slice(e.date.start, e.date.end), e.date.text);
          if (e.place) assert.equal(text.slice(e.place.start, e.place.end), e.place.text);
          assert.ok(e.confidence > 0 && e.confidence < 1);
          assert.ok(e.type in EVENT_TYPES);
        }
      },
    ), { numRuns: 300 });
  });
});

describe('NEREL dev (bench/extract-events.ts): thresholds a little under the measured figures', () => {
  it('custody and sentencing detection, person arguments', () => {
    const r = evaluateEvents(loadNerel('dev'));
    // Measured: custody P 0.655 R 1.000 F1 0.792; sentencing EVENT R 1.000 F1 0.578;
    // relations R 0.346 (any legal type 0.692); person arguments 0.800 (4/5) and 0.929 (13/14).
    assert.ok(r.custodyTrigger.recall >= 0.95, JSON.stringify(r.custodyTrigger));
    assert.ok(r.custodyTrigger.f1 >= 0.75, JSON.stringify(r.custodyTrigger));
    assert.ok(r.sentencingTrigger.recall >= 0.9, JSON.stringify(r.sentencingTrigger));
    assert.ok(r.sentencingTrigger.f1 >= 0.53, JSON.stringify(r.sentencingTrigger));
    assert.ok(r.sentencingRelations.recall >= 0.3, JSON.stringify(r.sentencingRelations));
    assert.ok(r.relationsRecallAnyLegalType >= 0.65, String(r.relationsRecallAnyLegalType));
    assert.ok(r.custodyPersonArgument.accuracy >= 0.75, JSON.stringify(r.custodyPersonArgument));
    assert.ok(r.sentencingPersonArgument.accuracy >= 0.85, JSON.stringify(r.sentencingPersonArgument));
  });
});
