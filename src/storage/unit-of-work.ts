import type { Kysely, Transaction } from 'kysely';
import { ApiTokenRepository } from './api-token.repository.js';
import { AuditRepository } from './audit.repository.js';
import { ClaimRepository } from './claim.repository.js';
import { EntityRepository } from './entity.repository.js';
import { EventRepository } from './event.repository.js';
import { ExtractionRepository } from './extraction.repository.js';
import { HistoryRepository } from './history.repository.js';
import { JobRepository } from './job.repository.js';
import { MembershipRepository } from './membership.repository.js';
import type { Database } from './schema.js';
import { SessionRepository } from './session.repository.js';
import { SourceRepository } from './source.repository.js';
import { SuggestionRepository } from './suggestion.repository.js';
import { UserRepository } from './user.repository.js';

export interface TransactionalRepositories {
  sources: SourceRepository;
  audit: AuditRepository;
  jobs: JobRepository;
  extractions: ExtractionRepository;
  entities: EntityRepository;
  events: EventRepository;
  claims: ClaimRepository;
  history: HistoryRepository;
  suggestions: SuggestionRepository;
  users: UserRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
}

/** Every repository over one connection or transaction. */
export function createRepositories(db: Kysely<Database> | Transaction<Database>): TransactionalRepositories {
  return {
    sources: new SourceRepository(db),
    audit: new AuditRepository(db),
    jobs: new JobRepository(db),
    extractions: new ExtractionRepository(db),
    entities: new EntityRepository(db),
    events: new EventRepository(db),
    claims: new ClaimRepository(db),
    history: new HistoryRepository(db),
    suggestions: new SuggestionRepository(db),
    users: new UserRepository(db),
    memberships: new MembershipRepository(db),
    sessions: new SessionRepository(db),
    apiTokens: new ApiTokenRepository(db),
  };
}

/** Runs one use case's writes in one transaction: all of them land, or none. */
export class UnitOfWork {
  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(createRepositories(trx)));
  }
}
