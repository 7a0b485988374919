import { AppError } from '../domain/errors.js';
import type { Extraction, ExtractedPlace } from '../domain/extraction.js';
import type { CollectionId, EntityId, EventId, SourceId } from '../domain/ids.js';
import type { Result } from '../domain/result.js';
import { compareNames } from '../domain/names/index.js';
import type { ExtractOptions } from '../pipeline/extract/extract.js';
import type { SourceRepository } from '../storage/source.repository.js';
import type { TransactionalRepositories, UnitOfWork } from '../storage/unit-of-work.js';
import { EntityResolver, type DocumentEntity, type ResolutionReport } from './entity-resolution.js';
import { IncidentBuilder, type IncidentCandidate, type IncidentReport } from './incident-builder.js';

export type Extractor = {
  info: { name: string; version: string };
  run(text: string, options: ExtractOptions): Result<Extraction>;
};

export interface ProcessReport {
  sourceId: SourceId;
  /** True when the source had been processed before: nothing was added again. */
  alreadyProcessed: boolean;
  entities: ResolutionReport[];
  events: IncidentReport[];
}

/** Something that keeps the search index in step with records (see storage/search). */
export interface ProcessingIndexer {
  indexSource(sourceId: SourceId): Promise<void>;
  indexEvents(ids: EventId[]): Promise<void>;
}

/**
 * The background step after capture: extract a stored source and turn what the extractor
 * found into suggestions (proposed entities resolved against known ones, proposed events
 * or further sources for known events). One transaction per source: a failure leaves no
 * half-made records, and the job can be retried.
 */
export class SourceProcessingService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly extractor: Extractor,
    private readonly indexer: ProcessingIndexer | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async process(sourceId: SourceId): Promise<ProcessReport> {
    const source = await this.sources.findById(sourceId);
    if (!source) throw new AppError('NOT_FOUND', `source ${sourceId} not found`);
    const stored = await this.sources.findArticle(sourceId);
    const article = stored?.article;
    if (!article) throw new AppError('INVALID_INPUT', `source ${sourceId} has no readable text${stored?.error ? `: ${stored.error}` : ''}`);
    const extracted = this.extractor.run(article.text, { publishedAt: article.publishedAt, languageHint: article.language });
    if (!extracted.ok) throw new AppError('INVALID_INPUT', `extraction of ${sourceId} failed: ${extracted.reason}`);
    const extraction = extracted.value;
    const at = this.now().toISOString();
    const actor = `${this.extractor.info.name}@${this.extractor.info.version}`;

    const report = await this.unitOfWork.run(async (tx) => {
      if (await tx.extractions.find(sourceId)) return { sourceId, alreadyProcessed: true, entities: [], events: [] };
      await tx.extractions.save({
        sourceId,
        extractor: this.extractor.info.name,
        extractorVersion: this.extractor.info.version,
        extraction,
        createdAt: at,
      });
      const { reports, rootOfSpan, placeRoot } = await this.resolveEntities(tx, source.collectionId, sourceId, extraction, actor, at);
      const candidates = candidatesOf(extraction, rootOfSpan, placeRoot);
      const builder = new IncidentBuilder(tx, source.collectionId, sourceId, extraction, this.extractor.info, at);
      const events = await builder.build(candidates);
      await tx.audit.append(
        {
          actor,
          action: 'source.process',
          subjectId: sourceId,
          details: {
            entities: reports.length,
            autoLinked: reports.filter((r) => r.autoLinked).length,
            events: events.map((e) => ({ id: e.eventId, created: e.created })),
          },
        },
        at,
      );
      return { sourceId, alreadyProcessed: false, entities: reports, events };
    });
    if (this.indexer && !report.alreadyProcessed) {
      await this.indexer.indexSource(sourceId);
      await this.indexer.indexEvents(report.events.map((e) => e.eventId));
    }
    return report;
  }

  private async resolveEntities(
    tx: TransactionalRepositories,
    collectionId: CollectionId,
    sourceId: SourceId,
    extraction: Extraction,
    actor: string,
    at: string,
  ): Promise<{ reports: ResolutionReport[]; rootOfSpan: (start: number, end: number) => { id: EntityId; name: string } | null; placeRoot: Map<string, EntityId> }> {
    const resolver = new EntityResolver(tx, collectionId, actor, at);
    const reports: ResolutionReport[] = [];
    const spans: { start: number; end: number; id: EntityId; name: string }[] = [];
    const placeRoot = new Map<string, EntityId>();

    for (const [key, places] of groupBy(extraction.places, placeKeyOf)) {
      const first = places[0]!;
      const r = await resolver.resolve(
        {
          type: 'LOCATION',
          name: first.name,
          aliases: places.map((p) => p.text),
          mentions: places.map((p) => ({ start: p.start, end: p.end, text: p.text })),
          placeKey: key,
          // Coordinates travel with the entity so the map needs no gazetteer lookup.
          externalIds: { ...(first.geonameId ? { geonames: String(first.geonameId) } : {}), lat: String(first.lat), lon: String(first.lon) },
        },
        sourceId,
      );
      reports.push(r);
      placeRoot.set(key, r.rootId);
    }

    const named = extraction.entities.filter(
      (e) => !(e.type === 'LOCATION' && extraction.places.some((p) => p.start < e.end && e.start < p.end)),
    );
    for (const mentions of foldSurnameMentions([...groupBy(named, (e) => `${e.type}\u0000${e.canonical}`).values()])) {
      const first = mentions[0]!;
      const doc: DocumentEntity = {
        type: first.type,
        name: first.canonical,
        aliases: [...new Set(mentions.map((m) => stripPossessive(m.text)))],
        mentions: mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
      };
      const r = await resolver.resolve(doc, sourceId);
      reports.push(r);
      const root = await tx.entities.findById(r.rootId);
      for (const m of mentions) spans.push({ start: m.start, end: m.end, id: r.rootId, name: root?.name ?? first.canonical });
    }
    const rootOfSpan = (start: number, end: number) => {
      const hit = spans.find((s) => s.start < end && start < s.end);
      return hit ? { id: hit.id, name: hit.name } : null;
    };
    return { reports, rootOfSpan, placeRoot };
  }
}

/**
 * "Кошанов" alone in a text that also names "Ерлан Кошанов" is almost always him: a
 * one-word person group joins the one other group of the document it matches as the same
 * person. With two candidates (him and "Гульнар Кошанова"'s husband?) it stays apart.
 */
function foldSurnameMentions<T extends { type: string; canonical: string }>(groups: T[][]): T[][] {
  const out = groups.map((g) => [...g]);
  for (let i = 0; i < out.length; i++) {
    const first = out[i]![0]!;
    if (first.type !== 'PERSON' || /\s/u.test(first.canonical.trim())) continue;
    const hosts = out.filter(
      (g, j) => j !== i && g.length > 0 && g[0]!.type === 'PERSON' && /\s/u.test(g[0]!.canonical.trim())
        && compareNames({ text: first.canonical, type: 'PERSON' }, { text: g[0]!.canonical, type: 'PERSON' }).decision === 'same',
    );
    if (hosts.length !== 1) continue;
    hosts[0]!.push(...out[i]!.map((m) => ({ ...m, canonical: hosts[0]![0]!.canonical })));
    out[i] = [];
  }
  return out.filter((g) => g.length > 0);
}

/** Event candidates worth a record: negated ones ("was not arrested") stay in the extraction only. */
function candidatesOf(
  extraction: Extraction,
  rootOfSpan: (start: number, end: number) => { id: EntityId; name: string } | null,
  placeRoot: Map<string, EntityId>,
): IncidentCandidate[] {
  return extraction.events
    .filter((e) => !e.negated)
    .map((event) => {
      const side = (role: 'victim' | 'perpetrator') =>
        event.participants
          .filter((p) => p.role === role)
          .map((p) => {
            const hit = rootOfSpan(p.start, p.end);
            return { entityId: hit?.id ?? null, name: hit?.name ?? p.text, start: p.start, end: p.end };
          });
      return {
        event,
        victims: side('victim'),
        perpetrators: side('perpetrator'),
        placeId: event.place ? (placeRoot.get(placeKeyOf(event.place)) ?? null) : null,
        placeName: event.place?.name ?? null,
      };
    });
}

function placeKeyOf(p: Pick<ExtractedPlace, 'country' | 'admin1' | 'name'>): string {
  return `${p.country}:${p.admin1 ?? ''}:${p.name}`;
}

function stripPossessive(text: string): string {
  return text.replace(/['’]s?$/u, '').trim();
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}
