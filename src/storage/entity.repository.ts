import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { CollectionId, EntityId, SourceId } from '../domain/ids.js';
import type { EntityAlias, EntityRecord, EntityStatus, Mention, RecordEntityType } from '../domain/records.js';
import type { Database, EntitiesTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function toEntity(row: Selectable<EntitiesTable>): EntityRecord {
  return {
    id: row.id as EntityId,
    collectionId: row.collection_id as CollectionId,
    type: row.type as RecordEntityType,
    name: row.name,
    status: row.status as EntityStatus,
    mergedInto: (row.merged_into as EntityId | null) ?? null,
    externalIds: JSON.parse(row.external_ids),
    withdrawnReason: row.withdrawn_reason,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type EntityPatch = Partial<Pick<EntityRecord, 'name' | 'status' | 'mergedInto' | 'withdrawnReason' | 'externalIds'>>;

/**
 * Persons, organisations and places. A merge only points the merged entity at the one it
 * joined (`merged_into`), keeping its aliases, keys and mentions on its own row, so that
 * `split` can undo it exactly. A "tree" is a root entity and everything merged into it.
 */
export class EntityRepository {
  constructor(private readonly db: Db) {}

  async insert(entity: EntityRecord): Promise<void> {
    await this.db
      .insertInto('entities')
      .values({
        id: entity.id,
        collection_id: entity.collectionId,
        type: entity.type,
        name: entity.name,
        status: entity.status,
        merged_into: entity.mergedInto,
        external_ids: JSON.stringify(entity.externalIds),
        withdrawn_reason: entity.withdrawnReason,
        version: entity.version,
        created_at: entity.createdAt,
        updated_at: entity.updatedAt,
      })
      .execute();
  }

  async findById(id: EntityId): Promise<EntityRecord | null> {
    const row = await this.db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEntity(row) : null;
  }

  async findByIds(ids: EntityId[]): Promise<EntityRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('entities').selectAll().where('id', 'in', ids).execute();
    return rows.map(toEntity);
  }

  /** The entity an id currently stands for: follows merges to the root. */
  async findRoot(id: EntityId): Promise<EntityRecord | null> {
    let current = await this.findById(id);
    for (let depth = 0; current?.mergedInto && depth < 100; depth++) current = await this.findById(current.mergedInto);
    return current;
  }

  /** Ids of the root and of everything merged into it, directly or not. */
  async treeIds(rootId: EntityId): Promise<EntityId[]> {
    const { rows } = await sql<{ id: string }>`
      with recursive tree(id) as (
        select ${rootId}
        union all
        select e.id from entities e join tree t on e.merged_into = t.id
      )
      select id from tree`.execute(this.db);
    return rows.map((r) => r.id as EntityId);
  }

  async update(id: EntityId, patch: EntityPatch, version: number, at: string): Promise<void> {
    await this.db
      .updateTable('entities')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(patch.mergedInto !== undefined ? { merged_into: patch.mergedInto } : {}),
        ...(patch.withdrawnReason !== undefined ? { withdrawn_reason: patch.withdrawnReason } : {}),
        ...(patch.externalIds !== undefined ? { external_ids: JSON.stringify(patch.externalIds) } : {}),
        version,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async addAliases(id: EntityId, aliases: EntityAlias[]): Promise<void> {
    const seen = new Set((await this.aliasesOf([id])).map((a) => a.text));
    const fresh = aliases.filter((a) => !seen.has(a.text) && (seen.add(a.text), true));
    if (fresh.length === 0) return;
    await this.db
      .insertInto('entity_aliases')
      .values(fresh.map((a) => ({ entity_id: id, alias: a.text, script: a.script })))
      .execute();
  }

  async aliasesOf(ids: EntityId[]): Promise<(EntityAlias & { entityId: EntityId })[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('entity_aliases').selectAll().where('entity_id', 'in', ids).orderBy('alias').execute();
    return rows.map((r) => ({ entityId: r.entity_id as EntityId, text: r.alias, script: r.script as EntityAlias['script'] }));
  }

  async addKeys(collectionId: CollectionId, id: EntityId, keys: string[]): Promise<void> {
    const unique = [...new Set(keys)].filter((k) => k.length > 0);
    if (unique.length === 0) return;
    await this.db
      .insertInto('entity_keys')
      .values(unique.map((key) => ({ collection_id: collectionId, key, entity_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Entities of one type sharing a blocking key, excluding withdrawn ones. */
  async findByKeys(collectionId: CollectionId, type: RecordEntityType, keys: string[]): Promise<EntityRecord[]> {
    if (keys.length === 0) return [];
    const rows = await this.db
      .selectFrom('entity_keys as k')
      .innerJoin('entities as e', 'e.id', 'k.entity_id')
      .selectAll('e')
      .distinct()
      .where('k.collection_id', '=', collectionId)
      .where('k.key', 'in', [...new Set(keys)])
      .where('e.type', '=', type)
      .where('e.status', '!=', 'withdrawn')
      .limit(200)
      .execute();
    return rows.map(toEntity);
  }

  async addMentions(mentions: Mention[]): Promise<void> {
    if (mentions.length === 0) return;
    await this.db
      .insertInto('mentions')
      .values(
        mentions.map((m) => ({ entity_id: m.entityId, source_id: m.sourceId, span_start: m.start, span_end: m.end, text: m.text })),
      )
      .execute();
  }

  async mentionsOf(ids: EntityId[], limit = 500): Promise<Mention[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('mentions')
      .selectAll()
      .where('entity_id', 'in', ids)
      .orderBy('source_id')
      .orderBy('span_start')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      entityId: r.entity_id as EntityId,
      sourceId: r.source_id as SourceId,
      start: Number(r.span_start),
      end: Number(r.span_end),
      text: r.text,
    }));
  }

  /** Root entities (not merged away), newest first. */
  async listRoots(
    collectionId: CollectionId,
    filter: { type?: RecordEntityType; status?: EntityStatus; limit: number; offset: number },
  ): Promise<EntityRecord[]> {
    let q = this.db.selectFrom('entities').selectAll().where('collection_id', '=', collectionId).where('merged_into', 'is', null);
    if (filter.type) q = q.where('type', '=', filter.type);
    q = filter.status ? q.where('status', '=', filter.status) : q.where('status', '!=', 'withdrawn');
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toEntity);
  }
}
