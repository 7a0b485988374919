/**
 * Facet counts from facet strings: many documents' ` _ksource _t3 _l12 _p40 _y2016 ` strings
 * concatenated, as the back-ends return them, to the top values per facet.
 *
 *   tallyFacets(' _ksource _t3 _y2016  _kevent _t3 ') -> { k: {source: 1, event: 1}, t: {3: 2}, y: {2016: 1}, … }
 */
import type { FacetCount, SearchResult } from '../../domain/search.js';

/** Values kept per facet. */
export const FACET_TOP = 20;

export type FacetTally = Record<'k' | 't' | 'l' | 'p' | 'y', Map<number | string, number>>;

/**
 * Counts facet tokens (` _ksource _t3 _l12 _p40 _y2016 _m201605 `, many documents' strings
 * concatenated) without splitting strings: numbers are read in place; months and
 * open-interval markers are skipped.
 */
export function tallyFacets(f: string): FacetTally {
  const out = { k: new Map<number | string, number>(), t: new Map(), l: new Map(), p: new Map(), y: new Map() };
  {
    const n = f.length;
    let i = 0;
    while (i < n) {
      if (f.charCodeAt(i) !== 0x5f /* _ */) {
        i++;
        continue;
      }
      const kind = f[i + 1];
      let j = i + 2;
      if (kind === 'k') {
        while (j < n && f.charCodeAt(j) !== 0x20) j++;
        const k = f.slice(i + 2, j);
        out.k.set(k, (out.k.get(k) ?? 0) + 1);
      } else if (kind === 't' || kind === 'l' || kind === 'p' || kind === 'y') {
        let v = 0;
        let digits = 0;
        for (let c = f.charCodeAt(j); c >= 0x30 && c <= 0x39; c = f.charCodeAt(++j)) {
          v = v * 10 + (c - 0x30);
          digits++;
        }
        if (digits > 0) {
          const m = out[kind] as Map<number | string, number>;
          m.set(v, (m.get(v) ?? 0) + 1);
        }
      }
      while (j < n && f.charCodeAt(j) !== 0x20) j++;
      i = j;
    }
  }
  return out;
}

/** The most frequent values of a facet, as [value or id, count], ties by value. */
export function topValues(m: Map<number | string, number>): [number | string, number][] {
  // Kept sorted as it is filled: one pass over a facet of thousands of values, no full sort.
  const top: [number | string, number][] = [];
  for (const [value, count] of m) {
    if (top.length === FACET_TOP && !before(value, count, top[FACET_TOP - 1]!)) continue;
    let i = top.length < FACET_TOP ? top.length : FACET_TOP - 1;
    while (i > 0 && before(value, count, top[i - 1]!)) i--;
    if (top.length === FACET_TOP) top.pop();
    top.splice(i, 0, [value, count]);
  }
  return top;
}

/** Whether (value, count) comes before `other`: more frequent first, then the smaller value. */
function before(value: number | string, count: number, other: [number | string, number]): boolean {
  return count > other[1] || (count === other[1] && value < other[0]);
}

/** The result's facets, ids of types, places and persons replaced by their labels. */
export function facetResult(tally: FacetTally, labels: Map<number, string>): SearchResult['facets'] {
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const labelled = (m: Map<number | string, number>): FacetCount[] =>
    topValues(m)
      .flatMap(([id, count]) => {
        const value = labels.get(Number(id));
        return value === undefined ? [] : [{ value, count }];
      })
      .sort(byCount);
  const plain = (m: Map<number | string, number>): FacetCount[] => topValues(m).map(([value, count]) => ({ value: String(value), count })).sort(byCount);
  return { kind: plain(tally.k), type: labelled(tally.t), place: labelled(tally.l), person: labelled(tally.p), year: plain(tally.y) };
}
