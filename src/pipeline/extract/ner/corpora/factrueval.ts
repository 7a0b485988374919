/**
 * Reader for factRuEval-2016 (`book_<id>.txt/.spans/.objects`). Names-only policy:
 * a mention's span runs from its first to its last *name* span (name, surname, patronymic,
 * nickname, org_name, loc_name); descriptor-only mentions ("мэрия"), adjective mentions
 * ("российский") and job titles are dropped. Person -> PERSON, Org -> ORGANIZATION,
 * Location and LocOrg -> LOCATION; Project and Facility are dropped. Nested mentions are
 * flattened to the outermost.
 *
 * For evaluation, as in upstream's track-1 scorer (scripts/dialent: "unnamed objects are ignored
 * regardless of their matching status", "embedded objects are ignored", descriptor tokens weigh
 * 0): the dropped unnamed mentions and the nested ones go to `ignored`, and a mention whose
 * spans reach beyond its name part ("Правительство РФ", "российского МИДа") also accepts that
 * whole extent (`alt`). Training reads `spans` only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityType } from '../perceptron.js';
import { outermost, type AnnotatedText, type GoldSpan } from './types.js';

const OBJECT_TYPES: Record<string, EntityType> = { Person: 'PERSON', Org: 'ORGANIZATION', Location: 'LOCATION', LocOrg: 'LOCATION' };
const NAME_SPANS = new Set(['name', 'surname', 'patronymic', 'nickname', 'org_name', 'loc_name']);

function stripComment(line: string): string {
  const i = line.indexOf('#');
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

export function readFactRuEval(dir: string): AnnotatedText[] {
  const out: AnnotatedText[] = [];
  for (const f of readdirSync(dir).filter((x) => /^book_\d+\.txt$/.test(x)).sort()) {
    const id = f.slice(0, -4);
    const text = readFileSync(path.join(dir, f), 'utf8');
    const spanInfo = new Map<string, { type: string; start: number; end: number }>();
    for (const line of readFileSync(path.join(dir, `${id}.spans`), 'utf8').split(/\r?\n/)) {
      const cols = stripComment(line).split(/\s+/);
      if (cols.length < 4) continue;
      const start = Number(cols[2]);
      spanInfo.set(cols[0]!, { type: cols[1]!, start, end: start + Number(cols[3]) });
    }
    const spans: GoldSpan[] = [];
    const unnamed: GoldSpan[] = [];
    for (const line of readFileSync(path.join(dir, `${id}.objects`), 'utf8').split(/\r?\n/)) {
      const cols = stripComment(line).split(/\s+/);
      if (cols.length < 3) continue;
      const type = OBJECT_TYPES[cols[1]!];
      if (type === undefined) continue;
      let start = Infinity;
      let end = -1;
      let allStart = Infinity;
      let allEnd = -1;
      for (const sid of cols.slice(2)) {
        const s = spanInfo.get(sid);
        if (s === undefined) continue;
        allStart = Math.min(allStart, s.start);
        allEnd = Math.max(allEnd, s.end);
        if (!NAME_SPANS.has(s.type)) continue;
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
      }
      if (end > start) spans.push({ start, end, type, ...(allStart !== start || allEnd !== end ? { alt: { start: allStart, end: allEnd } } : {}) });
      else if (allEnd > allStart) unnamed.push({ start: allStart, end: allEnd, type });
    }
    const kept = outermost(spans);
    const keptSet = new Set(kept);
    // as upstream's scorer: unnamed mentions and mentions nested in another are ignored
    const ignored = [...unnamed, ...spans.filter((s) => !keptSet.has(s))].map(({ start, end, type }) => ({ start, end, type }));
    out.push({ id, text, spans: kept, ignored });
  }
  return out;
}
