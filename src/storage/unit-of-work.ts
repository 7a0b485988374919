import type { Kysely } from 'kysely';
import { AuditRepository } from './audit.repository.js';
import type { Database } from './schema.js';
import { SourceRepository } from './source.repository.js';

export interface TransactionalRepositories {
  sources: SourceRepository;
  audit: AuditRepository;
}

/** Runs one use case's writes in one transaction: all of them land, or none. */
export class UnitOfWork {
  constructor(private readonly db: Kysely<Database>) {}

  run<T>(work: (repos: TransactionalRepositories) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) =>
      work({ sources: new SourceRepository(trx), audit: new AuditRepository(trx) }),
    );
  }
}
