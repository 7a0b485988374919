import { createEntityId, createSuggestionId, type CollectionId, type EntityId, type SourceId } from '../domain/ids.js';
import { compareNames, nameKeys } from '../domain/names/index.js';
import { scriptOf, type EntityRecord, type RecordEntityType } from '../domain/records.js';
import type { TransactionalRepositories } from '../storage/unit-of-work.js';
import { changeEntity } from './versioning.js';

/** One entity as one source names it: its canonical form, the variants and their spans. */
export interface DocumentEntity {
  type: RecordEntityType;
  name: string;
  aliases: string[];
  mentions: { start: number; end: number; text: string }[];
  /** For places resolved against the gazetteer: a key that identifies the place exactly. */
  placeKey?: string;
  externalIds?: Record<string, string>;
}

export interface ResolutionReport {
  entityId: EntityId;
  /** The entity this document's entity now stands under (itself when nothing matched). */
  rootId: EntityId;
  autoLinked: { into: EntityId; score: number; reasons: string[] } | null;
  mergeSuggested: { with: EntityId; score: number; reasons: string[] }[];
}

/** Below this a `same` decision only becomes a merge suggestion. */
const AUTO_LINK_SCORE = 0.9;
const MAX_CANDIDATES = 20;

/**
 * Entity resolution for one document, inside the caller's transaction.
 *
 * Every document's entity gets its own row first; a high-confidence match is then merged
 * into the known entity automatically (reported, versioned, and undoable with `split`),
 * a weaker one becomes a merge suggestion for a reviewer. Two different people are never
 * merged silently: `compareNames` must say `same` with a high score for an automatic link.
 */
export class EntityResolver {
  constructor(
    private readonly tx: TransactionalRepositories,
    private readonly collectionId: CollectionId,
    private readonly actor: string,
    private readonly at: string,
  ) {}

  async resolve(doc: DocumentEntity, sourceId: SourceId): Promise<ResolutionReport> {
    const { tx, at } = this;
    const entity: EntityRecord = {
      id: createEntityId(),
      collectionId: this.collectionId,
      type: doc.type,
      name: doc.name,
      status: 'proposed',
      mergedInto: null,
      externalIds: { ...(doc.externalIds ?? {}), ...(doc.placeKey ? { place: doc.placeKey } : {}) },
      withdrawnReason: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const keys = this.keysOf(doc);
    await tx.entities.insert(entity);
    await tx.entities.addAliases(entity.id, [...new Set([doc.name, ...doc.aliases])].map((text) => ({ text, script: scriptOf(text) })));
    await tx.entities.addMentions(doc.mentions.map((m) => ({ ...m, entityId: entity.id, sourceId })));
    await tx.history.append({
      recordKind: 'entity',
      recordId: entity.id,
      version: 1,
      at,
      actor: this.actor,
      changes: [{ field: 'created', from: null, to: { type: doc.type, name: doc.name, source: sourceId } }],
      comment: null,
    });

    const candidates = await this.candidateRoots(doc, keys, entity.id);
    await tx.entities.addKeys(this.collectionId, entity.id, keys);
    const report: ResolutionReport = { entityId: entity.id, rootId: entity.id, autoLinked: null, mergeSuggested: [] };

    const scored = await Promise.all(candidates.map(async (root) => ({ root, match: await this.compareWithTree(doc, root) })));
    scored.sort((a, b) => b.match.score - a.match.score);
    const best = scored[0];
    // A second entity matching as strongly means two known people fit: a person decides.
    const secondSame = scored[1]?.match.decision === 'same' && scored[1].match.score >= AUTO_LINK_SCORE;
    if (best && best.match.decision === 'same' && best.match.score >= AUTO_LINK_SCORE && !secondSame) {
      await this.link(entity, best.root, best.match.score, best.match.reasons);
      report.rootId = best.root.id;
      report.autoLinked = { into: best.root.id, score: best.match.score, reasons: best.match.reasons };
      return report;
    }
    for (const { root, match } of scored) {
      if (match.decision === 'different') continue;
      if (await tx.suggestions.mergeExists(entity.id, root.id)) continue;
      // Two known entities both matching equally well is exactly when a person must decide.
      const reasons = match.decision === 'same' ? [...match.reasons, 'another known entity matches as well'] : match.reasons;
      await this.suggest('merge', entity.id, root.id, match.score, reasons);
      report.mergeSuggested.push({ with: root.id, score: match.score, reasons });
    }
    // A new person or organisation waits for a reviewer; gazetteer places need no review of their own.
    if (!doc.placeKey) await this.suggest('entity', entity.id, null, null, ['new entity']);
    return report;
  }

  private async suggest(kind: 'entity' | 'merge', entityId: EntityId, otherId: EntityId | null, score: number | null, reasons: string[]) {
    await this.tx.suggestions.insert({
      id: createSuggestionId(),
      collectionId: this.collectionId,
      kind,
      status: 'pending',
      eventId: null,
      entityId,
      otherEntityId: otherId,
      score,
      reasons,
      createdAt: this.at,
      decidedAt: null,
      decidedBy: null,
      decisionComment: null,
    });
  }

  private keysOf(doc: DocumentEntity): string[] {
    const keys = new Set<string>(doc.placeKey ? [`place:${doc.placeKey}`] : []);
    for (const text of [doc.name, ...doc.aliases]) for (const k of nameKeys({ text, type: doc.type })) keys.add(k);
    return [...keys];
  }

  private async candidateRoots(doc: DocumentEntity, keys: string[], selfId: EntityId): Promise<EntityRecord[]> {
    const found = await this.tx.entities.findByKeys(this.collectionId, doc.type, keys);
    const roots = new Map<EntityId, EntityRecord>();
    for (const e of found) {
      if (e.id === selfId) continue;
      const root = await this.tx.entities.findRoot(e.id);
      if (root && root.id !== selfId && root.status !== 'withdrawn') roots.set(root.id, root);
      if (roots.size >= MAX_CANDIDATES) break;
    }
    return [...roots.values()];
  }

  private async compareWithTree(doc: DocumentEntity, root: EntityRecord): Promise<{ score: number; decision: string; reasons: string[] }> {
    if (doc.placeKey && root.externalIds.place === doc.placeKey) return { score: 1, decision: 'same', reasons: ['same gazetteer place'] };
    // The tree's distinct aliases from the tree index, not a walk of its rows (one per source).
    const aliases = (await this.tx.entities.aliasesOfTrees([root.id])).get(root.id) ?? [];
    let best = { score: 0, decision: 'different', reasons: [] as string[] };
    let conflict: string[] | null = null;
    for (const theirs of new Set([root.name, ...aliases])) {
      const m = compareNames({ text: doc.name, type: doc.type }, { text: theirs, type: root.type });
      // A known alias that is clearly someone else (another given name) vetoes an automatic link.
      if (m.decision === 'different' && m.score === 0 && m.reasons.length > 0 && theirs.split(/\s+/).length > 1) conflict = m.reasons;
      if (m.score > best.score) best = m;
    }
    if (conflict && best.decision === 'same') return { score: Math.min(best.score, 0.7), decision: 'maybe', reasons: [...best.reasons, ...conflict] };
    return best;
  }

  private async link(entity: EntityRecord, root: EntityRecord, score: number, reasons: string[]): Promise<void> {
    const { tx, at, actor } = this;
    const ctx = { tx, at, actor, comment: `linked automatically (score ${score.toFixed(2)}): ${reasons.join('; ')}` };
    await changeEntity(ctx, entity, { status: 'merged', mergedInto: root.id });
    await changeEntity(ctx, root, {}, [{ field: 'merged', from: null, to: entity.id }]);
    await tx.audit.append({ actor, action: 'entity.auto-link', subjectId: entity.id, details: { into: root.id, score } }, at);
  }
}
