import type { Kysely, Selectable, Transaction } from 'kysely';
import { articleSchema } from '../domain/article.js';
import { decodeFingerprint, encodeFingerprint, type Fingerprint } from '../domain/fingerprint.js';
import type { CollectionId, SourceId } from '../domain/ids.js';
import type { Source, SourceArticle } from '../domain/source.js';
import type { Database, SourcesTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toSource(row: Selectable<SourcesTable>): Source {
  return {
    id: row.id as SourceId,
    collectionId: row.collection_id as CollectionId,
    sha256: row.sha256,
    byteSize: Number(row.byte_size),
    mediaType: row.media_type,
    duplicateOf: (row.duplicate_of as SourceId | null) ?? null,
    provenance: {
      origin: row.origin as Source['provenance']['origin'],
      input: row.input,
      requestedUrl: row.requested_url,
      finalUrl: row.final_url,
      redirects: JSON.parse(row.redirects),
      httpStatus: row.http_status,
      httpHeaders: row.http_headers ? JSON.parse(row.http_headers) : null,
      remoteAddress: row.remote_address,
      fileName: row.file_name,
      capturedAt: row.captured_at,
      capturedBy: row.captured_by,
      tool: row.tool,
      toolVersion: row.tool_version,
    },
  };
}

export interface NewCapture {
  source: Source;
  article: SourceArticle;
  fingerprint: Fingerprint | null;
  bands: string[];
}

/** Sources, their derived articles and near-duplicate fingerprints. Only speaks SQL. */
export class SourceRepository {
  constructor(private readonly db: Db) {}

  withTransaction(trx: Transaction<Database>): SourceRepository {
    return new SourceRepository(trx);
  }

  async findById(id: SourceId): Promise<Source | null> {
    const row = await this.db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSource(row) : null;
  }

  async findBySha256(collectionId: CollectionId, sha256: string): Promise<Source | null> {
    const row = await this.db
      .selectFrom('sources')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row ? toSource(row) : null;
  }

  async findArticle(sourceId: SourceId): Promise<SourceArticle | null> {
    const row = await this.db.selectFrom('articles').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
    if (!row) return null;
    return {
      sourceId: row.source_id as SourceId,
      cleaner: row.cleaner,
      cleanerVersion: row.cleaner_version,
      article: row.article ? articleSchema.parse(JSON.parse(row.article)) : null,
      error: row.error,
    };
  }

  /** Earlier sources of the collection sharing at least one LSH band, with their fingerprints. */
  async findByBands(collectionId: CollectionId, bands: string[], limit = 50): Promise<{ id: SourceId; fingerprint: Fingerprint }[]> {
    if (bands.length === 0) return [];
    const rows = await this.db
      .selectFrom('source_bands as b')
      .innerJoin('source_fingerprints as f', 'f.source_id', 'b.source_id')
      .innerJoin('sources as s', 's.id', 'b.source_id')
      .select(['s.id as id', 'f.signature as signature'])
      .distinct()
      .where('b.band', 'in', bands)
      .where('s.collection_id', '=', collectionId)
      .orderBy('s.id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id as SourceId, fingerprint: decodeFingerprint(r.signature) }));
  }

  async insert(capture: NewCapture): Promise<void> {
    const { source, article } = capture;
    const p = source.provenance;
    await this.db
      .insertInto('sources')
      .values({
        id: source.id,
        collection_id: source.collectionId,
        sha256: source.sha256,
        byte_size: source.byteSize,
        media_type: source.mediaType,
        origin: p.origin,
        input: p.input,
        requested_url: p.requestedUrl,
        final_url: p.finalUrl,
        redirects: JSON.stringify(p.redirects),
        http_status: p.httpStatus,
        http_headers: p.httpHeaders ? JSON.stringify(p.httpHeaders) : null,
        remote_address: p.remoteAddress,
        file_name: p.fileName,
        captured_at: p.capturedAt,
        captured_by: p.capturedBy,
        tool: p.tool,
        tool_version: p.toolVersion,
        duplicate_of: source.duplicateOf,
      })
      .execute();
    await this.db
      .insertInto('articles')
      .values({
        source_id: source.id,
        cleaner: article.cleaner,
        cleaner_version: article.cleanerVersion,
        title: article.article?.title ?? null,
        language: article.article?.language ?? null,
        article: article.article ? JSON.stringify(article.article) : null,
        error: article.error,
        created_at: p.capturedAt,
      })
      .execute();
    if (capture.fingerprint) {
      await this.db
        .insertInto('source_fingerprints')
        .values({ source_id: source.id, signature: encodeFingerprint(capture.fingerprint) })
        .execute();
      if (capture.bands.length > 0) {
        await this.db
          .insertInto('source_bands')
          .values(capture.bands.map((band) => ({ band, source_id: source.id })))
          .execute();
      }
    }
  }

  /** One page of sources in id (capture) order, after `afterId`. */
  async listPage(afterId: SourceId | null, limit: number): Promise<Source[]> {
    let q = this.db.selectFrom('sources').selectAll().orderBy('id').limit(limit);
    if (afterId) q = q.where('id', '>', afterId);
    return (await q.execute()).map(toSource);
  }

  /** One page of a collection's sources, newest first, before `beforeId`, with their article titles. */
  async listSummaries(
    collectionId: CollectionId,
    beforeId: SourceId | null,
    limit: number,
  ): Promise<{ source: Source; title: string | null; language: string | null; cleanError: string | null }[]> {
    let q = this.db
      .selectFrom('sources as s')
      .leftJoin('articles as a', 'a.source_id', 's.id')
      .selectAll('s')
      .select(['a.title as article_title', 'a.language as article_language', 'a.error as article_error'])
      .where('s.collection_id', '=', collectionId)
      .orderBy('s.id', 'desc')
      .limit(limit);
    if (beforeId) q = q.where('s.id', '<', beforeId);
    const rows = await q.execute();
    return rows.map((r) => ({ source: toSource(r), title: r.article_title, language: r.article_language, cleanError: r.article_error }));
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
