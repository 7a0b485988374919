import type { EventId, SourceId } from '../domain/ids.js';
import { DEFAULT_COLLECTION } from '../domain/ids.js';
import type { SearchDocument, SearchQueryInput, SearchResult } from '../domain/search.js';
import type { SearchIndex } from '../storage/search/index.js';
import type { TransactionalRepositories } from '../storage/unit-of-work.js';

type Repos = Pick<TransactionalRepositories, 'sources' | 'extractions' | 'events' | 'entities'>;

/** Only live events are found by search; rejected and withdrawn ones leave the index. */
const SEARCHABLE_EVENT_STATUS = new Set(['proposed', 'confirmed']);

/**
 * Keeps the search index in step with sources and records, and answers searches.
 * Sources are indexed with their clean text and what extraction found in them (people,
 * places, event types as facets); events with their title, description and the names of
 * everyone coded in them, in every script known, so `Nazarbaev` finds either.
 */
export class SearchService {
  constructor(
    private readonly index: SearchIndex,
    private readonly repos: Repos,
  ) {}

  search(query: Omit<SearchQueryInput, 'collectionId'> & { collectionId?: string }): Promise<SearchResult> {
    return this.index.search({ ...query, collectionId: query.collectionId ?? DEFAULT_COLLECTION });
  }

  async indexSource(sourceId: SourceId): Promise<void> {
    const doc = await this.sourceDocument(sourceId);
    if (doc) await this.index.index([doc]);
  }

  async indexEvents(ids: EventId[]): Promise<void> {
    const docs: SearchDocument[] = [];
    const gone: string[] = [];
    for (const id of new Set(ids)) {
      const doc = await this.eventDocument(id);
      if (doc) docs.push(doc);
      else gone.push(id);
    }
    if (docs.length) await this.index.index(docs);
    if (gone.length) await this.index.remove(gone);
  }

  /** Rebuilds the index of every source and event (after an upgrade or a restore). */
  async reindexAll(onProgress?: (done: number) => void): Promise<number> {
    let done = 0;
    let after: SourceId | null = null;
    for (;;) {
      const page = await this.repos.sources.listPage(after, 200);
      if (page.length === 0) break;
      const docs = (await Promise.all(page.map((s) => this.sourceDocument(s.id)))).filter((d): d is SearchDocument => d !== null);
      await this.index.index(docs);
      done += page.length;
      onProgress?.(done);
      after = page[page.length - 1]!.id;
    }
    for (let offset = 0; ; offset += 200) {
      const events = await this.repos.events.list(DEFAULT_COLLECTION, { limit: 200, offset });
      if (events.length === 0) break;
      await this.indexEvents(events.map((e) => e.id));
      done += events.length;
      onProgress?.(done);
    }
    await this.index.optimize();
    return done;
  }

  private async sourceDocument(sourceId: SourceId): Promise<SearchDocument | null> {
    const source = await this.repos.sources.findById(sourceId);
    const stored = await this.repos.sources.findArticle(sourceId);
    const article = stored?.article;
    if (!source || !article) return null;
    const extraction = (await this.repos.extractions.find(sourceId))?.extraction;
    const published = article.publishedAt;
    const dateFrom = published?.value?.slice(0, 10) ?? published?.from?.slice(0, 10) ?? null;
    const dateTo = published?.value?.slice(0, 10) ?? published?.to?.slice(0, 10) ?? dateFrom;
    return {
      id: source.id,
      kind: 'source',
      collectionId: source.collectionId,
      language: article.language,
      title: article.title ?? source.provenance.fileName ?? source.provenance.input,
      text: article.text,
      dateFrom,
      dateTo,
      places: unique(extraction?.places.map((p) => p.name) ?? [], 200),
      persons: unique(extraction?.entities.filter((e) => e.type === 'PERSON').map((e) => e.canonical) ?? [], 500),
      types: unique(extraction?.events.filter((e) => !e.negated).map((e) => e.type) ?? [], 50),
    };
  }

  private async eventDocument(id: EventId): Promise<SearchDocument | null> {
    const event = await this.repos.events.findById(id);
    if (!event || !SEARCHABLE_EVENT_STATUS.has(event.status)) return null;
    const acts = await this.repos.events.actsOf([event.id]);
    const involvements = await this.repos.events.involvementsOf(acts.map((a) => a.id));
    const people: string[] = [];
    const names: string[] = [];
    for (const entityId of [...acts.map((a) => a.victimId), ...involvements.map((i) => i.perpetratorId)]) {
      if (!entityId) continue;
      const root = await this.repos.entities.findRoot(entityId);
      if (!root) continue;
      if (root.type === 'PERSON') people.push(root.name);
      // From the tree index: a popular person's tree has a row per source that names them.
      const aliases = (await this.repos.entities.aliasesOfTrees([root.id])).get(root.id) ?? [];
      names.push(root.name, ...aliases);
    }
    const labels = [...acts.map((a) => a.victimLabel), ...involvements.map((i) => i.perpetratorLabel)].filter((x): x is string => !!x);
    const place = event.placeId ? await this.repos.entities.findRoot(event.placeId) : null;
    return {
      id: event.id,
      kind: 'event',
      collectionId: event.collectionId,
      language: null,
      title: event.title,
      text: [event.description, ...unique([...names, ...labels], 200)].join('\n'),
      dateFrom: event.dateFrom,
      dateTo: event.dateTo ?? event.dateFrom,
      places: place ? [place.name] : [],
      persons: unique(people, 500),
      types: unique(event.types, 50),
    };
  }
}

function unique(values: string[], max: number): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 300))].slice(0, max);
}
