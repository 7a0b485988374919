/**
 * Reader for factRuEval-2016 (`book_<id>.txt/.spans/.objects`). Names-only policy:
 * a mention's span runs from its first to its last *name* span (name, surname, patronymic,
 * nickname, org_name, loc_name); descriptor-only mentions ("мэрия"), adjective mentions
 * ("российский") and job titles are dropped. Person -> PERSON, Org -> ORGANIZATION,
 * Location and LocOrg -> LOCATION; Project and Facility are dropped. Nested mentions are
 * flattened to the outermost.
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
    for (const line of readFileSync(path.join(dir, `${id}.objects`), 'utf8').split(/\r?\n/)) {
      const cols = stripComment(line).split(/\s+/);
      if (cols.length < 3) continue;
      const type = OBJECT_TYPES[cols[1]!];
      if (type === undefined) continue;
      let start = Infinity;
      let end = -1;
      for (const sid of cols.slice(2)) {
        const s = spanInfo.get(sid);
        if (s === undefined || !NAME_SPANS.has(s.type)) continue;
        start = Math.min(start, s.start);
        end = Math.max(end, s.end);
      }
      if (end > start) spans.push({ start, end, type });
    }
    out.push({ id, text, spans: outermost(spans) });
  }
  return out;
}
