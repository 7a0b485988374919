import { hasRole, type Principal, type Role } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { CollectionId, EntityId, EventId, SuggestionId } from '../domain/ids.js';
import type { TransactionalRepositories } from '../storage/unit-of-work.js';

export type GuardedRecordKind = 'suggestion' | 'event' | 'entity';

/**
 * Who may touch a record named by its id: the record services take a plain actor name (the
 * CLI runs as its configured user), so callers that act for a signed-in person ask here first.
 * A record in a collection the person cannot see is "not found", exactly like a missing one,
 * so ids are never confirmed to outsiders; a member whose role is too low is refused.
 *
 *   await access.require(principal, 'event', 'evt_…', 'editor') // 'default', or throws
 */
export class RecordAccessService {
  constructor(private readonly repos: Pick<TransactionalRepositories, 'suggestions' | 'events' | 'entities'>) {}

  async require(principal: Principal, kind: GuardedRecordKind, id: string, role: Role): Promise<CollectionId> {
    const collectionId = await this.collectionOf(kind, id);
    if (!collectionId || !hasRole(principal, collectionId, 'viewer')) throw new AppError('NOT_FOUND', `${kind} ${id} not found`);
    if (!hasRole(principal, collectionId, role)) throw new AppError('FORBIDDEN', `this needs the ${role} role in collection ${collectionId}`);
    return collectionId;
  }

  private collectionOf(kind: GuardedRecordKind, id: string): Promise<CollectionId | null> {
    if (kind === 'suggestion') return this.repos.suggestions.collectionOf(id as SuggestionId);
    if (kind === 'event') return this.repos.events.collectionOf(id as EventId);
    return this.repos.entities.collectionOf(id as EntityId);
  }
}
