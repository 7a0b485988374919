import { AppError } from '../domain/errors.js';
import type { EntityId } from '../domain/ids.js';
import type { EntityRecord, EntityStatus } from '../domain/records.js';
import { changeEntity, type ChangeContext } from './versioning.js';

/**
 * Merges `fromId`'s entity into `intoId`'s (both taken at their roots). The merged entity
 * keeps its aliases, mentions and acts; it only points at the entity it joined, so `split`
 * restores it exactly.
 */
export async function mergeEntities(ctx: ChangeContext, fromId: EntityId, intoId: EntityId): Promise<{ from: EntityRecord; into: EntityRecord }> {
  const from = await ctx.tx.entities.findRoot(fromId);
  const into = await ctx.tx.entities.findRoot(intoId);
  if (!from) throw new AppError('NOT_FOUND', `entity ${fromId} not found`);
  // An entity of another collection is "not found": ids are not confirmed across the boundary.
  if (!into || into.collectionId !== from.collectionId) throw new AppError('NOT_FOUND', `entity ${intoId} not found`);
  if (from.id === into.id) {
    throw new AppError('INVALID_INPUT', fromId === intoId ? `cannot merge entity ${fromId} into itself` : `${fromId} and ${intoId} are already the same entity (${into.id})`);
  }
  if (from.type !== into.type) throw new AppError('INVALID_INPUT', `cannot merge a ${from.type} into a ${into.type}`);
  if (from.status === 'withdrawn' || into.status === 'withdrawn') throw new AppError('CONFLICT', 'cannot merge a withdrawn entity');
  const merged = await changeEntity(ctx, from, { status: 'merged', mergedInto: into.id });
  const target = await changeEntity(ctx, into, {}, [{ field: 'merged', from: null, to: from.id }]);
  await ctx.tx.audit.append({ actor: ctx.actor, action: 'entity.merge', subjectId: from.id, details: { into: into.id } }, ctx.at);
  return { from: merged, into: target };
}

/** Undoes a merge: the entity stands on its own again, with the status it had before. */
export async function splitEntity(ctx: ChangeContext, id: EntityId): Promise<{ entity: EntityRecord; from: EntityId }> {
  const entity = await ctx.tx.entities.findById(id);
  if (!entity) throw new AppError('NOT_FOUND', `entity ${id} not found`);
  if (entity.status !== 'merged' || !entity.mergedInto) {
    throw new AppError('INVALID_INPUT', `entity ${id} is not merged into another; split one of the entities listed under "members" of \`entities show ${id}\``);
  }
  const history = await ctx.tx.history.list([{ kind: 'entity', ids: [id] }]);
  const before = [...history].reverse().flatMap((v) => v.changes).find((c) => c.field === 'status' && c.to === 'merged')?.from;
  const status: EntityStatus = before === 'confirmed' ? 'confirmed' : 'proposed';
  const parent = entity.mergedInto;
  const restored = await changeEntity(ctx, entity, { status, mergedInto: null });
  const parentRecord = await ctx.tx.entities.findById(parent);
  if (parentRecord) await changeEntity(ctx, parentRecord, {}, [{ field: 'split', from: id, to: null }]);
  await ctx.tx.audit.append({ actor: ctx.actor, action: 'entity.split', subjectId: id, details: { from: parent } }, ctx.at);
  return { entity: restored, from: parent };
}
