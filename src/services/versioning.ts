import type { EntityId, EventId } from '../domain/ids.js';
import type { EntityRecord, EventRecord, FieldChange } from '../domain/records.js';
import type { EntityPatch } from '../storage/entity.repository.js';
import type { TransactionalRepositories } from '../storage/unit-of-work.js';

export interface ChangeContext {
  tx: TransactionalRepositories;
  actor: string;
  at: string;
  comment: string | null;
}

function diff(before: object, patch: object): FieldChange[] {
  const b = before as Record<string, unknown>;
  return Object.entries(patch)
    .filter(([k, v]) => JSON.stringify(b[k] ?? null) !== JSON.stringify(v ?? null))
    .map(([field, to]) => ({ field, from: b[field] ?? null, to }));
}

/**
 * Every change to a record goes through here: the row gets a new version and the history
 * a row saying who, when, what changed from what to what, and why. A patch that changes
 * nothing writes nothing.
 */
export async function changeEvent(ctx: ChangeContext, event: EventRecord, patch: Partial<EventRecord>, extra: FieldChange[] = []): Promise<EventRecord> {
  const changes = [...diff(event, patch), ...extra];
  if (changes.length === 0) return event;
  const version = event.version + 1;
  await ctx.tx.events.update(event.id as EventId, patch, version, ctx.at);
  await ctx.tx.history.append({ recordKind: 'event', recordId: event.id, version, at: ctx.at, actor: ctx.actor, changes, comment: ctx.comment });
  return { ...event, ...patch, version, updatedAt: ctx.at };
}

export async function changeEntity(ctx: ChangeContext, entity: EntityRecord, patch: EntityPatch, extra: FieldChange[] = []): Promise<EntityRecord> {
  const changes = [...diff(entity, patch), ...extra];
  if (changes.length === 0) return entity;
  const version = entity.version + 1;
  await ctx.tx.entities.update(entity.id as EntityId, patch, version, ctx.at);
  await ctx.tx.history.append({ recordKind: 'entity', recordId: entity.id, version, at: ctx.at, actor: ctx.actor, changes, comment: ctx.comment });
  return { ...entity, ...patch, version, updatedAt: ctx.at } as EntityRecord;
}
