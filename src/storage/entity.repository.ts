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
 *
 * Trees grow with every source that names someone (a row each), so they are indexed, here on
 * every write: each row's current root (`root_id`) and each tree's distinct aliases and keys
 * (`entity_tree_aliases`, `entity_tree_keys`). Reads by root never walk a tree.
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
        root_id: entity.mergedInto ? await this.rootIdOf(entity.mergedInto) : entity.id,
        external_ids: JSON.stringify(entity.externalIds),
        withdrawn_reason: entity.withdrawnReason,
        version: entity.version,
        created_at: entity.createdAt,
        updated_at: entity.updatedAt,
      })
      .execute();
  }

  /** The root id recorded for an entity (the id itself when unknown). */
  private async rootIdOf(id: EntityId): Promise<EntityId> {
    const row = await this.db.selectFrom('entities').select('root_id').where('id', '=', id).executeTakeFirst();
    return (row?.root_id ?? id) as EntityId;
  }

  /** The collection the record is in (null: no such record): what access checks need, without the row. */
  async collectionOf(id: EntityId): Promise<CollectionId | null> {
    const row = await this.db.selectFrom('entities').select('collection_id').where('id', '=', id).executeTakeFirst();
    return row ? (row.collection_id as CollectionId) : null;
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

  /** The entity an id currently stands for: follows merges to the root (one query). */
  async findRoot(id: EntityId): Promise<EntityRecord | null> {
    return (await this.findRoots([id])).get(id) ?? null;
  }

  /** The roots of many ids at once, keyed by the id asked for (ids not found are absent): one query. */
  async findRoots(ids: EntityId[]): Promise<Map<EntityId, EntityRecord>> {
    const out = new Map<EntityId, EntityRecord>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom('entities as e')
      .innerJoin('entities as r', (j) => j.on((eb) => eb('r.id', '=', eb.fn.coalesce('e.root_id', 'e.id'))))
      .selectAll('r')
      .select('e.id as asked')
      .where('e.id', 'in', [...new Set(ids)])
      .execute();
    for (const row of rows) out.set(row.asked as EntityId, toEntity(row));
    return out;
  }

  /**
   * Roots (not withdrawn) of a type whose trees hold any of the blocking keys, so that a person
   * mentioned in thousands of sources (a row each, merged into one root) counts once and does
   * not crowd out the others.
   */
  async findRootsByKeys(collectionId: CollectionId, type: RecordEntityType, keys: string[], limit = 200): Promise<EntityRecord[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    const rows = await this.db
      .selectFrom('entities')
      .selectAll()
      .where('id', 'in', (eb) => eb.selectFrom('entity_tree_keys').select('root_id').where('collection_id', '=', collectionId).where('key', 'in', unique))
      .where('type', '=', type)
      .where('status', '!=', 'withdrawn')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEntity);
  }

  /** The distinct aliases of each root's tree (the root and everything merged into it), by root id. */
  async aliasesOfTrees(rootIds: EntityId[]): Promise<Map<EntityId, string[]>> {
    const out = new Map<EntityId, string[]>();
    if (rootIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('entity_tree_aliases')
      .select(['root_id', 'alias'])
      .where('root_id', 'in', [...new Set(rootIds)])
      .orderBy('root_id')
      .orderBy('alias')
      .execute();
    for (const r of rows) {
      const list = out.get(r.root_id as EntityId) ?? [];
      list.push(r.alias);
      out.set(r.root_id as EntityId, list);
    }
    return out;
  }

  /** External ids holding `lat` and `lon` anywhere in each root's tree (the root's own first), by root id. */
  async coordinatesInTrees(rootIds: EntityId[]): Promise<Map<EntityId, Record<string, string>[]>> {
    const out = new Map<EntityId, Record<string, string>[]>();
    if (rootIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('entities')
      .select(['root_id', 'external_ids'])
      .where('root_id', 'in', [...new Set(rootIds)])
      .where('external_ids', 'like', '%"lat"%')
      .where('external_ids', 'like', '%"lon"%')
      .orderBy('root_id')
      .orderBy(sql`case when id = root_id then 0 else 1 end`)
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.root_id as EntityId) ?? [];
      list.push(JSON.parse(r.external_ids));
      out.set(r.root_id as EntityId, list);
    }
    return out;
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
    const moved = patch.mergedInto !== undefined;
    const before = moved ? await this.rootIdOf(id) : null;
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
    if (moved) await this.retree(id, before!, patch.mergedInto ? await this.rootIdOf(patch.mergedInto) : id);
  }

  /**
   * After `id` moved (merged into another tree, or split off one), its subtree stands for its
   * new root, and the tree indexes follow: the subtree's aliases and keys join the new root's,
   * and the old root's are rebuilt from what is left of its tree (nothing, when `id` was it).
   * Automatic linking moves a single fresh row: a few rows written.
   */
  private async retree(id: EntityId, before: EntityId, after: EntityId): Promise<void> {
    if (before === after) return;
    const subtree = sql<string>`(with recursive tree(id) as (select id from entities where id = ${id} union all select e.id from entities e join tree t on e.merged_into = t.id) select id from tree)`;
    await this.db.updateTable('entities').set({ root_id: after }).where('id', 'in', subtree).execute();
    await sql`insert into entity_tree_aliases (root_id, alias)
      select distinct ${after}, a.alias from entity_aliases a where a.entity_id in ${subtree}
      on conflict do nothing`.execute(this.db);
    await sql`insert into entity_tree_keys (collection_id, key, root_id)
      select distinct k.collection_id, k.key, ${after} from entity_keys k where k.entity_id in ${subtree}
      on conflict do nothing`.execute(this.db);
    await this.db.deleteFrom('entity_tree_aliases').where('root_id', '=', before).execute();
    await this.db.deleteFrom('entity_tree_keys').where('root_id', '=', before).execute();
    await sql`insert into entity_tree_aliases (root_id, alias)
      select distinct e.root_id, a.alias from entities e join entity_aliases a on a.entity_id = e.id where e.root_id = ${before}`.execute(this.db);
    await sql`insert into entity_tree_keys (collection_id, key, root_id)
      select distinct k.collection_id, k.key, e.root_id from entities e join entity_keys k on k.entity_id = e.id where e.root_id = ${before}`.execute(this.db);
  }

  async addAliases(id: EntityId, aliases: EntityAlias[]): Promise<void> {
    const seen = new Set((await this.aliasesOf([id])).map((a) => a.text));
    const fresh = aliases.filter((a) => !seen.has(a.text) && (seen.add(a.text), true));
    if (fresh.length === 0) return;
    await this.db
      .insertInto('entity_aliases')
      .values(fresh.map((a) => ({ entity_id: id, alias: a.text, script: a.script })))
      .execute();
    const root = await this.rootIdOf(id);
    await this.db
      .insertInto('entity_tree_aliases')
      .values(fresh.map((a) => ({ root_id: root, alias: a.text })))
      .onConflict((oc) => oc.doNothing())
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
    const root = await this.rootIdOf(id);
    await this.db
      .insertInto('entity_tree_keys')
      .values(unique.map((key) => ({ collection_id: collectionId, key, root_id: root })))
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
