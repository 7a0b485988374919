/**
 * Reader for NEREL (brat standoff: `<id>.txt` + `<id>.ann`). Nested annotation is flattened
 * to the outermost span among the mapped types:
 *   PERSON -> PERSON; ORGANIZATION -> ORGANIZATION;
 *   COUNTRY, CITY, STATE_OR_PROVINCE, DISTRICT, LOCATION -> LOCATION (LOCATION includes GPE).
 * FACILITY (buildings, airports, streets' objects) is not mapped: it is neither a place
 * name in the GPE sense nor an organisation, and KazNERD/UNER treat it apart as well.
 * Discontinuous spans (`start end;start end`) are skipped. The nested spans of the mapped
 * types go to `ignored` (evaluation neither requires them nor counts them as errors).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityType } from '../perceptron.js';
import { outermost, type AnnotatedText, type GoldSpan } from './types.js';

const NEREL_TYPES: Record<string, EntityType> = {
  PERSON: 'PERSON',
  ORGANIZATION: 'ORGANIZATION',
  COUNTRY: 'LOCATION',
  CITY: 'LOCATION',
  STATE_OR_PROVINCE: 'LOCATION',
  DISTRICT: 'LOCATION',
  LOCATION: 'LOCATION',
};

export function readNerel(dir: string): AnnotatedText[] {
  const out: AnnotatedText[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    const id = f.slice(0, -4);
    const text = readFileSync(path.join(dir, f), 'utf8');
    const ann = readFileSync(path.join(dir, `${id}.ann`), 'utf8');
    const spans: GoldSpan[] = [];
    for (const line of ann.split(/\r?\n/)) {
      if (!line.startsWith('T')) continue;
      const [, head] = line.split('\t');
      if (head === undefined || head.includes(';')) continue;
      const [label, a, b] = head.split(' ');
      const type = NEREL_TYPES[label ?? ''];
      if (type === undefined) continue;
      spans.push({ start: Number(a), end: Number(b), type });
    }
    const kept = outermost(spans);
    const keptSet = new Set(kept);
    // NEREL's gold is nested: an entity inside another ("России" in "МВД России") is gold too,
    // so a flat tagger that finds it is not wrong; evaluation neither requires nor counts it
    out.push({ id, text, spans: kept, ignored: spans.filter((s) => !keptSet.has(s)) });
  }
  return out;
}
