import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countIndependentSources, intervalGapDays, matchIncident, parseTerm, typeFamilyOf } from '../src/domain/incidents.js';

const base = { types: ['detention'], dateFrom: '2024-03-12', dateTo: '2024-03-12', victimIds: ['ent_a'], placeId: 'ent_p', sourceIds: [] };

describe('incident matching', () => {
  test('arrest and detention are one family; sentencing is another', () => {
    assert.equal(typeFamilyOf('arrest'), typeFamilyOf('detention'));
    assert.notEqual(typeFamilyOf('arrest'), typeFamilyOf('sentencing'));
  });

  test('same victim, overlapping dates: the same incident', () => {
    const m = matchIncident({ ...base, types: ['arrest'], placeId: null }, base);
    assert.equal(m.same, true);
    assert.ok(m.reasons.includes('same victim'));
  });

  test('different named victims, or dates a week apart, or another kind of act: not the same', () => {
    assert.equal(matchIncident({ ...base, victimIds: ['ent_b'] }, base).same, false);
    assert.equal(matchIncident({ ...base, dateFrom: '2024-03-20', dateTo: '2024-03-20' }, base).same, false);
    assert.equal(matchIncident({ ...base, types: ['killing'] }, base).same, false);
  });

  test('without victims, the same place and day is needed', () => {
    const anon = { ...base, victimIds: [] };
    assert.equal(matchIncident(anon, anon).same, true);
    assert.equal(matchIncident(anon, { ...anon, placeId: 'ent_q' }).same, false);
    assert.equal(matchIncident({ ...anon, dateFrom: '2024-03-13', dateTo: '2024-03-13' }, anon).same, false);
  });

  test('interval gaps', () => {
    assert.equal(intervalGapDays('2024-03-01', '2024-03-31', '2024-03-12', '2024-03-12'), 0);
    assert.equal(intervalGapDays('2024-03-01', '2024-03-02', '2024-03-05', '2024-03-06'), 3);
    assert.equal(intervalGapDays(null, null, '2024-03-05', '2024-03-06'), null);
  });
});

describe('independent sources', () => {
  test('near-duplicate copies and pages of one site count once', () => {
    const { count, groups } = countIndependentSources([
      { sourceId: 's1', duplicateOf: null, finalUrl: 'https://a.kz/news/1' },
      { sourceId: 's2', duplicateOf: 's1', finalUrl: 'https://b.kz/copy' },
      { sourceId: 's3', duplicateOf: null, finalUrl: 'https://www.a.kz/news/2' },
      { sourceId: 's4', duplicateOf: null, finalUrl: null },
      { sourceId: 's5', duplicateOf: null, finalUrl: null },
    ]);
    assert.equal(count, 3);
    assert.deepEqual(groups.map((g) => g.sort()), [['s1', 's2', 's3'], ['s4'], ['s5']]);
  });
});

describe('terms of detention', () => {
  const cases: [string, ReturnType<typeof parseTerm>][] = [
    ['10 days of administrative arrest', { value: 10, unit: 'day' }],
    ['15 суток административного ареста', { value: 15, unit: 'day' }],
    ['административному аресту сроком на 10 суток', { value: 10, unit: 'day' }],
    ['приговорил к 7 годам лишения свободы', { value: 7, unit: 'year' }],
    ['sentenced to 18 months', { value: 18, unit: 'month' }],
    ['detained', null],
    ['on 12 March', null],
  ];
  for (const [text, expected] of cases) test(text, () => assert.deepEqual(parseTerm(text), expected));
});
