import type { CollectionId } from '../domain/ids.js';
import { compareNames, nameKeys } from '../domain/names/index.js';
import type { EntityRecord, RecordEntityType } from '../domain/records.js';
import type { EntityRepository } from '../storage/entity.repository.js';

export interface NameLookupHit {
  entity: EntityRecord;
  decision: 'same' | 'maybe';
  score: number;
}

/**
 * Root entities a typed name stands for, in any script or spelling: `Nazarbaev` finds the
 * entity known as `Назарбаев`. Candidates come from the blocking keys, then each is
 * compared by name so that a shared key alone never counts as a match. Best first.
 */
export async function lookupEntitiesByName(
  entities: EntityRepository,
  collectionId: CollectionId,
  name: string,
  types: RecordEntityType[],
): Promise<NameLookupHit[]> {
  const hits = new Map<string, NameLookupHit>();
  for (const type of types) {
    const keys = nameKeys({ text: name, type });
    // Roots first, then all their trees' aliases in one query: a popular name has thousands of rows.
    const roots = (await entities.findRootsByKeys(collectionId, type, keys)).filter((root) => !hits.has(root.id));
    const aliasesByRoot = await entities.aliasesOfTrees(roots.map((root) => root.id));
    for (const root of roots) {
      let best: NameLookupHit | null = null;
      for (const alias of new Set([root.name, ...(aliasesByRoot.get(root.id) ?? [])])) {
        const m = compareNames({ text: name, type }, { text: alias, type });
        if (m.decision !== 'different' && (!best || m.score > best.score)) best = { entity: root, decision: m.decision, score: m.score };
      }
      if (best) hits.set(root.id, best);
    }
  }
  return [...hits.values()].sort((a, b) => b.score - a.score);
}

export async function findEntitiesByName(
  entities: EntityRepository,
  collectionId: CollectionId,
  name: string,
  types: RecordEntityType[],
): Promise<EntityRecord[]> {
  return (await lookupEntitiesByName(entities, collectionId, name, types)).map((h) => h.entity);
}
