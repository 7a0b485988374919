import { AppError } from '../domain/errors.js';
import { DEFAULT_COLLECTION, type CollectionId, type EntityId, type EventId } from '../domain/ids.js';
import { nameKeys } from '../domain/names/index.js';
import {
  entityStatusSchema,
  recordEntityTypeSchema,
  scriptOf,
  type EntityAlias,
  type EntityRecord,
  type Mention,
  type RecordVersion,
} from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';
import type { EventRepository } from '../storage/event.repository.js';
import type { HistoryRepository } from '../storage/history.repository.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';
import { findEntitiesByName } from './entity-lookup.js';
import { mergeEntities, splitEntity } from './entity-merge.js';
import { changeEntity } from './versioning.js';

export interface EntityDetail extends EntityRecord {
  /** Every spelling, grouped by script: what the entity is called in each. */
  aliases: Record<EntityAlias['script'], string[]>;
  /** The per-document entities merged into this one (each can be split off again). */
  members: { id: EntityId; name: string; status: string; mergedInto: EntityId | null }[];
  mentions: Mention[];
  events: EventId[];
}

/** People, organisations and places: list, show, merge, split, withdraw. */
export class EntityService {
  constructor(
    private readonly entities: EntityRepository,
    private readonly events: EventRepository,
    private readonly history: HistoryRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(f: { type?: string; status?: string; name?: string; limit?: number; offset?: number; collectionId?: CollectionId }): Promise<EntityRecord[]> {
    const type = f.type === undefined ? undefined : recordEntityTypeSchema.safeParse(f.type.toUpperCase());
    if (type && !type.success) throw new AppError('INVALID_INPUT', `unknown entity type "${f.type}": use PERSON, ORGANIZATION or LOCATION`);
    const status = f.status === undefined ? undefined : entityStatusSchema.safeParse(f.status);
    if (status && !status.success) throw new AppError('INVALID_INPUT', `unknown status "${f.status}": use one of ${entityStatusSchema.options.join(', ')}`);
    const collectionId = f.collectionId ?? DEFAULT_COLLECTION;
    if (f.name) {
      const types = type?.data ? [type.data] : (['PERSON', 'ORGANIZATION', 'LOCATION'] as const);
      return findEntitiesByName(this.entities, collectionId, f.name, [...types]);
    }
    return this.entities.listRoots(collectionId, { type: type?.data, status: status?.data, limit: Math.min(f.limit ?? 50, 500), offset: f.offset ?? 0 });
  }

  async show(id: string): Promise<EntityDetail> {
    const entity = await this.entities.findById(id as EntityId);
    if (!entity) throw new AppError('NOT_FOUND', `entity ${id} not found`);
    const root = (await this.entities.findRoot(entity.id)) ?? entity;
    const ids = await this.entities.treeIds(root.id);
    const members = (await this.entities.findByIds(ids)).filter((m) => m.id !== root.id);
    const aliases: EntityDetail['aliases'] = { latin: [], cyrillic: [], other: [] };
    for (const a of await this.entities.aliasesOf(ids)) if (!aliases[a.script].includes(a.text)) aliases[a.script].push(a.text);
    return {
      ...root,
      aliases,
      members: members.map((m) => ({ id: m.id, name: m.name, status: m.status, mergedInto: m.mergedInto })),
      mentions: await this.entities.mentionsOf(ids),
      events: await this.events.eventIdsForEntities(ids),
    };
  }

  async historyOf(id: string): Promise<RecordVersion[]> {
    const entity = await this.entities.findById(id as EntityId);
    if (!entity) throw new AppError('NOT_FOUND', `entity ${id} not found`);
    return this.history.list([{ kind: 'entity', ids: [entity.id] }]);
  }

  merge(fromId: string, intoId: string, actor: string, comment: string | null = null) {
    return this.unitOfWork.run((tx) => mergeEntities({ tx, actor, at: this.now().toISOString(), comment }, fromId as EntityId, intoId as EntityId));
  }

  split(id: string, actor: string, comment: string | null = null) {
    return this.unitOfWork.run((tx) => splitEntity({ tx, actor, at: this.now().toISOString(), comment }, id as EntityId));
  }

  async rename(id: string, name: string, actor: string, comment: string | null = null): Promise<EntityRecord> {
    const clean = name.trim();
    if (!clean || clean.length > 300) throw new AppError('INVALID_INPUT', 'a name must have 1 to 300 characters');
    return this.unitOfWork.run(async (tx) => {
      const root = await tx.entities.findRoot(id as EntityId);
      if (!root) throw new AppError('NOT_FOUND', `entity ${id} not found`);
      // The new name is one more spelling: found by lookups, listed among the aliases.
      await tx.entities.addAliases(root.id, [{ text: clean, script: scriptOf(clean) }]);
      await tx.entities.addKeys(root.collectionId, root.id, nameKeys({ text: clean, type: root.type }));
      return changeEntity({ tx, actor, at: this.now().toISOString(), comment }, root, { name: clean });
    });
  }

  async withdraw(id: string, reason: string, actor: string): Promise<EntityRecord> {
    if (!reason.trim()) throw new AppError('INVALID_INPUT', 'a reason is required to withdraw an entity');
    return this.unitOfWork.run(async (tx) => {
      const e = await tx.entities.findById(id as EntityId);
      if (!e) throw new AppError('NOT_FOUND', `entity ${id} not found`);
      if (e.status === 'withdrawn') throw new AppError('CONFLICT', `entity ${id} is already withdrawn`);
      if (e.status === 'merged') throw new AppError('INVALID_INPUT', `entity ${id} is merged into ${e.mergedInto}; split it first or withdraw ${e.mergedInto}`);
      return changeEntity({ tx, actor, at: this.now().toISOString(), comment: reason }, e, { status: 'withdrawn', withdrawnReason: reason });
    });
  }
}
