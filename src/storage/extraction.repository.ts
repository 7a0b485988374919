import type { Kysely, Transaction } from 'kysely';
import { extractionSchema, type Extraction } from '../domain/extraction.js';
import type { SourceId } from '../domain/ids.js';
import type { Database } from './schema.js';

export interface StoredExtraction {
  sourceId: SourceId;
  extractor: string;
  extractorVersion: string;
  extraction: Extraction;
  createdAt: string;
}

/** Extractions of stored sources: derived data, replaced when a source is processed again. */
export class ExtractionRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  async save(e: StoredExtraction): Promise<void> {
    await this.db.deleteFrom('extractions').where('source_id', '=', e.sourceId).execute();
    await this.db
      .insertInto('extractions')
      .values({
        source_id: e.sourceId,
        extractor: e.extractor,
        extractor_version: e.extractorVersion,
        extraction: JSON.stringify(e.extraction),
        created_at: e.createdAt,
      })
      .execute();
  }

  async find(sourceId: SourceId): Promise<StoredExtraction | null> {
    const row = await this.db.selectFrom('extractions').selectAll().where('source_id', '=', sourceId).executeTakeFirst();
    if (!row) return null;
    return {
      sourceId: row.source_id as SourceId,
      extractor: row.extractor,
      extractorVersion: row.extractor_version,
      extraction: extractionSchema.parse(JSON.parse(row.extraction)),
      createdAt: row.created_at,
    };
  }
}
