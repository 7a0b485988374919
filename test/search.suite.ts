/**
 * One search suite, two implementations: SQLite FTS5 and PostgreSQL tsvector run exactly these
 * cases (search-sqlite.test.ts, search-postgres.test.ts). Each case uses its own collection or
 * its own words, so cases do not depend on one another.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { isAppError } from '../src/domain/errors.js';
import { stripSnippetMarks, type SearchDocument, type SearchQueryInput, type SearchResult } from '../src/domain/search.js';
import { openDatabase, type DatabaseHandle } from '../src/storage/database.js';
import { createSearchIndex, type SearchIndex } from '../src/storage/search/index.js';

export interface SearchTarget {
  databaseUrl: string | null;
  dataDir: string;
  cleanup(): Promise<void>;
}

const C = 'default';

function doc(id: string, title: string, text: string, more: Partial<SearchDocument> = {}): SearchDocument {
  return { id, kind: 'source', collectionId: C, language: null, title, text, dateFrom: null, dateTo: null, places: [], persons: [], types: [], ...more };
}

/** The main corpus: small reports in English, Russian and Kazakh. */
const CORPUS: SearchDocument[] = [
  doc('en-arrest', 'Activists arrested in Atyrau', 'Police arrested Max Bokayev and Talgat Ayan after the land protests in Atyrau. Their lawyers were not allowed in.', {
    language: 'en', dateFrom: '2016-05-17', dateTo: '2016-05-17', places: ['Atyrau'], persons: ['Max Bokayev', 'Talgat Ayan'], types: ['detention'],
  }),
  doc('en-sentence', 'Two activists sentenced', 'A court in Atyrau sentenced Boqaev and Ayan to five years. The arrest of both men in May followed protests over land.', {
    language: 'en', dateFrom: '2016-11-28', dateTo: '2016-11-28', places: ['Atyrau'], persons: ['Max Bokayev'], types: ['sentencing'],
  }),
  doc('ru-detain', 'Задержание в Атырау', 'Полиция задержала Макса Бокаева и Талгата Аяна. Задержание прошло без адвокатов. Назарбаев промолчал.', {
    language: 'ru', dateFrom: '2016-05-17', dateTo: '2016-05-18', places: ['Атырау'], persons: ['Макс Бокаев'], types: ['detention'],
  }),
  doc('ru-protest', 'Протесты против земельной реформы', 'Сотни людей вышли на митинг в Атырау и Актобе. Задержанных отпустили вечером.', {
    language: 'ru', dateFrom: '2016-04-24', dateTo: '2016-04-24', places: ['Атырау', 'Актобе'], types: ['protest'],
  }),
  doc('kk-zhanaozen', 'Жаңаөзен оқиғасы', 'Жаңаөзенде 2011 жылы мұнайшылар ереуілі болды. Назарбаевтың үкіметі полицияны жіберді.', {
    language: 'kk', dateFrom: '2011-12-16', dateTo: '2011-12-17', places: ['Жаңаөзен'], types: ['killing'],
  }),
  doc('en-nazarbayev', 'Nazarbayev resigns', 'Nursultan Nazarbayev announced his resignation, keeping the security council. Rights groups were sceptical.', {
    language: 'en', dateFrom: '2019-03-19', dateTo: '2019-03-19', places: ['Astana'], persons: ['Nursultan Nazarbayev'], types: ['statement'],
  }),
  doc('en-ongoing', 'An ongoing detention', 'He has been held since January without charge; the detention continues.', {
    language: 'en', dateFrom: '2020-01-10', dateTo: null, types: ['detention'],
  }),
  doc('en-undated', 'Undated note on detention', 'A detention was reported, date unknown.', { language: 'en', types: ['detention'] }),
  doc('ev-1', 'Detention of protesters', 'Event record: protesters detained at the central square.', {
    kind: 'event', language: 'en', dateFrom: '2022-01-05', dateTo: '2022-01-06', places: ['Almaty'], types: ['detention', 'protest'],
  }),
  doc('en-escape', 'Markup <b>test</b>', 'The page said <script>alert("x")</script> & then "arrested" journalists.', { language: 'en' }),
];

export function defineSearchSuite(name: string, makeTarget: () => Promise<SearchTarget>): void {
  describe(`search: ${name}`, () => {
    let target: SearchTarget;
    let handle: DatabaseHandle;
    let search: SearchIndex;
    /** The same index forced onto the newest-first path with a tiny counting window. */
    let bounded: SearchIndex;

    before(async () => {
      target = await makeTarget();
      handle = await openDatabase(target);
      search = createSearchIndex(handle);
      bounded = createSearchIndex(handle, { rankRows: 0, rankPostings: 0, window: 3 });
      await search.index(CORPUS);
    });
    after(async () => {
      await handle?.close();
      await target?.cleanup();
    });

    const ids = (r: SearchResult) => r.hits.map((h) => h.id).sort();
    const find = async (text: string, more: Partial<SearchQueryInput> = {}, index = search) => ids(await index.search({ text, collectionId: C, ...more }));
    const invalid = async (q: Partial<SearchQueryInput> & Record<string, unknown>, message: RegExp) => {
      await assert.rejects(
        search.search({ text: 'x', collectionId: C, ...q } as SearchQueryInput),
        (e: unknown) => isAppError(e) && e.code === 'INVALID_INPUT' && message.test(e.message),
      );
    };

    test('English stemming: arrested finds arrest, arrest finds arrested', async () => {
      assert.deepEqual(await find('arrested'), ['en-arrest', 'en-escape', 'en-sentence']);
      assert.deepEqual(await find('arrest'), ['en-arrest', 'en-escape', 'en-sentence']);
      assert.deepEqual(await find('sentences'), ['en-sentence']);
    });

    test('Russian stemming: задержание, задержали and задержанных meet', async () => {
      assert.deepEqual(await find('задержание'), ['ru-detain', 'ru-protest']);
      assert.deepEqual(await find('задержали'), ['ru-detain', 'ru-protest']);
      // протест is also the English word in Cyrillic letters: English protests match too.
      assert.deepEqual(await find('протест'), ['en-arrest', 'en-sentence', 'ev-1', 'ru-protest']);
      assert.deepEqual(await find('задержанных'), ['ru-detain', 'ru-protest']);
      assert.deepEqual(await find('митинги'), ['ru-protest']);
    });

    test('transliteration-insensitive both ways', async () => {
      assert.deepEqual(await find('Nazarbaev'), ['en-nazarbayev', 'kk-zhanaozen', 'ru-detain']);
      assert.deepEqual(await find('Назарбаев'), ['en-nazarbayev', 'kk-zhanaozen', 'ru-detain']);
      for (const spelling of ['Bokaev', 'Bokayev', 'Boqaev', 'Бокаев']) {
        assert.deepEqual(await find(spelling), ['en-arrest', 'en-sentence', 'ru-detain'], spelling);
      }
      assert.deepEqual(await find('Атырау'), ['en-arrest', 'en-sentence', 'ru-detain', 'ru-protest']);
      assert.deepEqual(await find('Zhanaozen'), ['kk-zhanaozen']);
    });

    test('Kazakh words by prefix: Жаңаөзен finds Жаңаөзенде', async () => {
      assert.deepEqual(await find('Жаңаөзен'), ['kk-zhanaozen']);
      assert.deepEqual(await find('мұнайшы'), ['kk-zhanaozen']);
      assert.deepEqual(await find('ереуіл*'), ['kk-zhanaozen']);
      // Short words are not prefix-matched: "art" does not find "arrested" or anything else.
      assert.deepEqual(await find('art'), []);
    });

    test('a phrase matches only adjacent words in order', async () => {
      assert.deepEqual(await find('"land protests"'), ['en-arrest']);
      assert.deepEqual(await find('"protests land"'), []);
      assert.deepEqual(await find('land protests'), ['en-arrest', 'en-sentence']);
      assert.deepEqual(await find('"security council"'), ['en-nazarbayev']);
      assert.deepEqual(await find('"Талгата Аяна"'), ['ru-detain']);
      // A hyphenated word is a phrase of its parts.
      assert.deepEqual(await find('land-protests'), ['en-arrest']);
      // Stemmed and across scripts.
      const col = 'phrases';
      await search.index([
        doc('ph-1', 'Release', 'Макс Бокаев вышел на свободу после пяти лет.', { collectionId: col }),
        doc('ph-2', 'Not adjacent', 'Bokayev said that Max would stay.', { collectionId: col }),
        doc('ph-3', 'Stems', 'The land protest spread; protesting land owners joined.', { collectionId: col }),
      ]);
      assert.deepEqual(await find('"Max Bokayev"', { collectionId: col }), ['ph-1']);
      assert.deepEqual(await find('"Max Bokayev"', { collectionId: col }, bounded), ['ph-1']);
      assert.deepEqual(await find('"land protests"', { collectionId: col }), ['ph-3']);
      // "protesting land" is the stemmed phrase "protest land"; "land spread" is not adjacent.
      assert.deepEqual(await find('"protests land"', { collectionId: col }), ['ph-3']);
      assert.deepEqual(await find('"land spread"', { collectionId: col }), []);
      assert.deepEqual(await find('"пяти лет"', { collectionId: col }, bounded), ['ph-1']);
    });

    test('OR, exclusion and implicit AND', async () => {
      assert.deepEqual(await find('Zhanaozen OR sentenced'), ['en-sentence', 'kk-zhanaozen']);
      // Полиция is a translation, not a spelling, of police: ru-detain stays.
      assert.deepEqual(await find('Atyrau -police'), ['en-sentence', 'ru-detain', 'ru-protest']);
      assert.deepEqual(await find('Atyrau -"land protests"'), ['en-sentence', 'ru-detain', 'ru-protest']);
      assert.deepEqual(await find('Atyrau Bokaev court'), ['en-sentence']);
      assert.deepEqual(await find('Atyrau nonexistentword'), []);
    });

    test('date filter: interval overlap; open intervals; undated documents never match', async () => {
      assert.deepEqual(await find('detention OR задержание', { from: '2016-05-18', to: '2016-06-30' }), ['ru-detain']);
      assert.deepEqual(await find('Atyrau', { from: '2016-05-01', to: '2016-05-31' }), ['en-arrest', 'ru-detain']);
      assert.deepEqual(await find('Atyrau', { to: '2016-04-30' }), ['ru-protest']);
      assert.deepEqual(await find('Atyrau', { from: '2016-11-28' }), ['en-sentence']);
      // Open-ended from 2020-01-10: overlaps any later range; the undated note never matches.
      assert.deepEqual(await find('detention', { from: '2024-01-01', to: '2024-12-31' }), ['en-ongoing']);
      assert.deepEqual(await find('detention', { from: '2000-01-01', to: '2030-12-31' }), ['en-ongoing', 'ev-1']);
      assert.deepEqual(await find('detention'), ['en-ongoing', 'en-undated', 'ev-1']);
      // Both paths agree.
      assert.deepEqual(await find('Atyrau', { from: '2016-05-01', to: '2016-05-31' }, bounded), ['en-arrest', 'ru-detain']);
      assert.deepEqual(await find('detention', { from: '2024-01-01' }, bounded), ['en-ongoing']);
      assert.deepEqual(await find('detention', { from: '1990-01-01', to: '2030-12-31' }, bounded), ['en-ongoing', 'ev-1']);
      assert.deepEqual(await find('detention', { to: '2016-12-31' }, bounded), []);
    });

    test('place, person, type and kind filters (place and person in either script)', async () => {
      assert.deepEqual(await find('Bokaev', { place: 'Atyrau' }), ['en-arrest', 'en-sentence', 'ru-detain']);
      assert.deepEqual(await find('протесты OR protest', { place: 'Aktobe' }), ['ru-protest']);
      assert.deepEqual(await find('Atyrau', { person: 'Макс Бокаев' }), ['en-arrest', 'en-sentence', 'ru-detain']);
      assert.deepEqual(await find('Atyrau', { person: 'Talgat Ayan' }), ['en-arrest']);
      assert.deepEqual(await find('Atyrau OR detention', { types: ['sentencing', 'protest'] }), ['en-sentence', 'ev-1', 'ru-protest']);
      assert.deepEqual(await find('detention OR detained', { kinds: ['event'] }), ['ev-1']);
      assert.deepEqual(await find('Atyrau', { place: 'Nowhere' }), []);
      assert.deepEqual(await find('Atyrau', { types: ['nothing-like-this'] }), []);
      assert.deepEqual(await find('Bokaev', { place: 'Atyrau', types: ['detention'] }, bounded).then((r) => r.length), 2);
    });

    test('facet counts', async () => {
      const r = await search.search({ text: 'Atyrau', collectionId: C });
      assert.deepEqual(r.total, { value: 4, exact: true });
      assert.deepEqual(r.facets.kind, [{ value: 'source', count: 4 }]);
      assert.deepEqual(r.facets.type, [{ value: 'detention', count: 2 }, { value: 'protest', count: 1 }, { value: 'sentencing', count: 1 }]);
      // Атырау and Atyrau are one value (labelled as first indexed).
      assert.deepEqual(r.facets.place, [{ value: 'Atyrau', count: 4 }, { value: 'Актобе', count: 1 }]);
      assert.deepEqual(r.facets.person, [{ value: 'Max Bokayev', count: 3 }, { value: 'Talgat Ayan', count: 1 }]);
      assert.deepEqual(r.facets.year, [{ value: '2016', count: 4 }]);
      const d = await search.search({ text: 'detention OR detained', collectionId: C });
      assert.deepEqual(d.facets.kind, [{ value: 'source', count: 2 }, { value: 'event', count: 1 }]);
      // The open interval (from 2020, no end) and the undated note count under no year.
      assert.deepEqual(d.facets.year, [{ value: '2022', count: 1 }]);
      const b = await bounded.search({ text: 'Atyrau', collectionId: C });
      assert.deepEqual(b.total, { value: 3, exact: false });
      assert.equal(b.facets.place[0]!.count, 3);
    });

    test('snippets mark the match and are HTML-safe', async () => {
      const r = await search.search({ text: 'Бокаев', collectionId: C, kinds: ['source'] });
      const ru = r.hits.find((h) => h.id === 'ru-detain')!;
      assert.match(ru.snippet, /<mark>Бокаева<\/mark>/);
      const en = r.hits.find((h) => h.id === 'en-arrest')!;
      assert.match(en.snippet, /<mark>Bokayev<\/mark>/);
      assert.equal(en.title, 'Activists arrested in Atyrau');
      assert.equal(en.dateFrom, '2016-05-17');

      const x = await search.search({ text: 'journalists', collectionId: C });
      const s = x.hits[0]!.snippet;
      assert.ok(!/<script|<b>/.test(s), s);
      assert.match(s, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; then &quot;arrested&quot; <mark>journalists<\/mark>/);
      assert.equal(stripSnippetMarks(s), 'The page said <script>alert("x")</script> & then "arrested" journalists.');
      assert.equal(x.hits[0]!.title, 'Markup <b>test</b>');
    });

    test('relevance: the document about the word comes first', async () => {
      const col = 'relevance';
      await search.index([
        doc('r-passing', 'Weekly digest', `Among many items, a short note mentions the tribunal once. ${'Other unrelated news filled the digest. '.repeat(20)}`, { collectionId: col }),
        doc('r-about', 'Tribunal hearing: the tribunal adjourns', 'The tribunal heard witnesses; the tribunal will rule next week.', { collectionId: col }),
      ]);
      const r = await search.search({ text: 'tribunal', collectionId: col });
      assert.equal(r.order, 'relevance');
      assert.deepEqual(r.hits.map((h) => h.id), ['r-about', 'r-passing']);
      assert.ok(r.hits[0]!.score! > r.hits[1]!.score!);
    });

    test('pagination: pages are disjoint, stable and cover every match, on both paths', async () => {
      const col = 'paging';
      const docs = Array.from({ length: 13 }, (_, i) => doc(`p-${String(i).padStart(2, '0')}`, `Report ${i}`, `Monitoring report number ${i} about ${'checkpoint '.repeat(1 + (i % 4))}closures.`, { collectionId: col }));
      await search.index(docs);
      for (const index of [search, bounded]) {
        const seen: string[] = [];
        for (let offset = 0; offset < 15; offset += 4) {
          const r = await index.search({ text: 'checkpoint', collectionId: col, offset, limit: 4 });
          seen.push(...r.hits.map((h) => h.id));
          const again = await index.search({ text: 'checkpoint', collectionId: col, offset, limit: 4 });
          assert.deepEqual(again.hits.map((h) => h.id), r.hits.map((h) => h.id));
        }
        assert.equal(seen.length, 13);
        assert.deepEqual([...seen].sort(), docs.map((d) => d.id));
      }
      const b = await bounded.search({ text: 'checkpoint', collectionId: col, limit: 2 });
      assert.equal(b.order, 'recency');
      // Newest first: the last indexed comes first.
      assert.deepEqual(b.hits.map((h) => h.id), ['p-12', 'p-11']);
      assert.equal(b.hits[0]!.score, null);
      // Counting stops at the window (3): at least 3, facets over those 3.
      assert.deepEqual(b.total, { value: 3, exact: false });
      assert.deepEqual(b.facets.kind, [{ value: 'source', count: 3 }]);
      const exact = await search.search({ text: 'checkpoint', collectionId: col, limit: 2 });
      assert.deepEqual(exact.total, { value: 13, exact: true });
    });

    test('collections are isolated, facets included', async () => {
      await search.index([
        doc('iso-1', 'Secret report', 'Bokaev was moved to another colony, says a confidential witness.', { collectionId: 'other', persons: ['Witness Zeta'], places: ['Atyrau'] }),
      ]);
      assert.deepEqual(await find('Bokaev'), ['en-arrest', 'en-sentence', 'ru-detain']);
      assert.deepEqual(await find('colony'), []);
      assert.deepEqual(await find('colony', {}, bounded), []);
      const r = await search.search({ text: 'Bokaev', collectionId: C });
      assert.ok(!r.facets.person.some((p) => p.value === 'Witness Zeta'));
      assert.deepEqual(await find('colony', { collectionId: 'other' }), ['iso-1']);
      assert.deepEqual(await find('Bokaev', { collectionId: 'nobody' }), []);
    });

    test('indexing a document again replaces it', async () => {
      const col = 'reindex';
      await search.index([doc('re-1', 'First version', 'The prisoner was transferred to Semey.', { collectionId: col, types: ['transfer'] })]);
      assert.deepEqual(await find('Semey', { collectionId: col }), ['re-1']);
      await search.index([doc('re-1', 'Second version', 'The prisoner was released in Pavlodar.', { collectionId: col, types: ['release'] })]);
      assert.deepEqual(await find('Semey', { collectionId: col }), []);
      assert.deepEqual(await find('Semey*', { collectionId: col }), []);
      const r = await search.search({ text: 'prisoner', collectionId: col });
      assert.deepEqual(r.total, { value: 1, exact: true });
      assert.equal(r.hits[0]!.title, 'Second version');
      assert.deepEqual(r.facets.type, [{ value: 'release', count: 1 }]);
      // The same id twice in one call: the last one wins.
      await search.index([
        doc('re-2', 'A', 'Hunger strike in Granitny.', { collectionId: col }),
        doc('re-2', 'B', 'Hunger strike ended in Granitny.', { collectionId: col }),
      ]);
      const h = await search.search({ text: 'Granitny', collectionId: col });
      assert.deepEqual(h.hits.map((x) => x.title), ['B']);
    });

    test('removal', async () => {
      const col = 'removal';
      await search.index([
        doc('rm-1', 'Torture allegation', 'Lawyers reported torture in the Shymkent detention centre.', { collectionId: col }),
        doc('rm-2', 'Another allegation', 'Torture complaints from Shymkent were dismissed.', { collectionId: col }),
      ]);
      await search.remove(['rm-1', 'no-such-id']);
      assert.deepEqual(await find('torture', { collectionId: col }), ['rm-2']);
      assert.deepEqual(await find('lawyers', { collectionId: col }), []);
      await search.remove(['rm-2']);
      assert.deepEqual(await find('Shymkent', { collectionId: col }), []);
      assert.deepEqual(await find('Shymkent', { collectionId: col }, bounded), []);
      await search.remove([]);
    });

    test('optimizing the index changes no answer (SQLite: and leaves the page cache as it was)', async () => {
      const queries = ['arrested', 'задержание', 'Shymkent', '"human rights"', 'torture OR protest'];
      const answer = async (): Promise<unknown[]> => Promise.all(queries.map(async (text) => (await search.search({ text, collectionId: C })).hits.map((h) => h.id)));
      const cacheSize = async (): Promise<unknown> => (handle.dialect === 'sqlite' ? (await sql`pragma cache_size`.execute(handle.db)).rows : null);
      const before = await answer();
      assert.ok(before.filter((a) => (a as unknown[]).length > 0).length >= 3, JSON.stringify(before));
      const cache = await cacheSize();
      await search.optimize();
      assert.deepEqual(await answer(), before);
      assert.deepEqual(await cacheSize(), cache);
    });

    test('a collection holding every document is searched without its token, and stays apart once another exists', async () => {
      // A database of its own: the shared one holds many collections.
      const own = await makeTarget();
      const h = await openDatabase(own);
      try {
        const full = createSearchIndex(h);
        const newest = createSearchIndex(h, { rankRows: 0, rankPostings: 0, window: 3 });
        await full.index([
          doc('solo-1', 'Harvest report', 'The harvest failed near Atyrau.', { collectionId: 'solo', dateFrom: '2016-05-01', dateTo: '2016-05-01' }),
          doc('solo-2', 'Harvest again', 'Another harvest note.', { collectionId: 'solo', dateFrom: '2019-05-01', dateTo: '2019-05-01' }),
        ]);
        const found = async (index: SearchIndex, collectionId: string, more: Partial<SearchQueryInput> = {}) => ids(await index.search({ text: 'harvest', collectionId, ...more }));
        for (const index of [full, newest]) {
          assert.deepEqual(await found(index, 'solo'), ['solo-1', 'solo-2']);
          assert.deepEqual(await found(index, 'solo', { from: '2016-01-01', to: '2016-12-31' }), ['solo-1']);
        }
        // Collections sorting before and after 'solo', so either side of it is looked at.
        await full.index([
          doc('other-1', 'Harvest elsewhere', 'A harvest in another collection.', { collectionId: 'other' }),
          doc('zeta-1', 'Harvest far away', 'A harvest in a third collection.', { collectionId: 'zeta' }),
        ]);
        for (const index of [full, newest]) {
          assert.deepEqual(await found(index, 'solo'), ['solo-1', 'solo-2']);
          assert.deepEqual(await found(index, 'other'), ['other-1']);
          assert.deepEqual(await found(index, 'zeta'), ['zeta-1']);
          const r = await index.search({ text: 'harvest', collectionId: 'solo' });
          assert.equal(r.total.value, 2);
        }
      } finally {
        await h.close();
        await own.cleanup();
      }
    });

    test('a prefix covering more terms than scoring lists finds the same documents on either path, listed or not', async () => {
      const col = 'prefix-list';
      await search.index([
        doc('pl-1', 'Grain', 'The combine harvester broke down.', { collectionId: col }),
        doc('pl-2', 'Fields', 'Harvesting began late this year.', { collectionId: col }),
        doc('pl-3', 'Crops', 'Harvests were poor in the north.', { collectionId: col }),
        doc('pl-4', 'Other', 'Nothing about the crops here.', { collectionId: col }),
      ]);
      for (const tuning of [{ maxExpansions: 1, recentExpansions: 1 }, { maxExpansions: 1, recentExpansions: 50 }]) {
        const scored = createSearchIndex(handle, tuning);
        const newest = createSearchIndex(handle, { ...tuning, rankRows: 0, rankPostings: 0, window: 3 });
        assert.deepEqual(await find('harvest*', { collectionId: col }, scored), ['pl-1', 'pl-2', 'pl-3']);
        assert.deepEqual(await find('harvest*', { collectionId: col }, newest), ['pl-1', 'pl-2', 'pl-3']);
      }
    });

    test('bad queries and filters are INVALID_INPUT errors that name the problem', async () => {
      await invalid({ text: '' }, /empty/);
      await invalid({ text: '   ' }, /empty/);
      await invalid({ text: '"" OR - * "  "' }, /no word to search for/);
      await invalid({ text: '&& || --' }, /no word to search for/);
      await invalid({ text: 'a'.repeat(10_000) }, /10000 characters.*limit is 1000/);
      await invalid({ text: `${'word '.repeat(40)}` }, /40 words; the limit is 32/);
      await invalid({ text: '-police -court' }, /only excludes/);
      await invalid({ text: '-police OR court' }, /excluded.*OR/);
      await invalid({ colour: 'red' }, /unknown filter "colour"/);
      await invalid({ from: '2016-13-01' }, /from/);
      await invalid({ from: '2017-01-01', to: '2016-01-01' }, /from is after to/);
      await invalid({ limit: 1000 }, /limit/);
      await invalid({ kinds: ['tweet'] as never }, /kinds/);
      await invalid({ offset: 20_000 }, /offset/);
      await assert.rejects(
        search.index([{ ...doc('bad', 't', 'x'), dateFrom: '2016-02-30' }]),
        (e: unknown) => isAppError(e) && e.code === 'INVALID_INPUT' && /bad/.test(e.message) && /dateFrom/.test(e.message),
      );
    });
  });
}
