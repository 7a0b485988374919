import { randomBytes } from 'node:crypto';

declare const brand: unique symbol;
/** A string that is known to be an id of one kind of record. */
export type Branded<T, B extends string> = T & { readonly [brand]: B };

export type SourceId = Branded<string, 'SourceId'>;
export type CollectionId = Branded<string, 'CollectionId'>;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/**
 * A time-sortable id: 10 base32 chars of milliseconds, then 16 of randomness,
 * behind a kind prefix, e.g. `src_01jq3…`. Sortable ids keep exports in capture order.
 */
export function createId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (const b of bytes) rand += ALPHABET[b % 32];
  return `${prefix}_${time}${rand}`;
}

export function createSourceId(): SourceId {
  return createId('src') as SourceId;
}

export const DEFAULT_COLLECTION = 'default' as CollectionId;

export type EventId = Branded<string, 'EventId'>;
export type ActId = Branded<string, 'ActId'>;
export type InvolvementId = Branded<string, 'InvolvementId'>;
export type EntityId = Branded<string, 'EntityId'>;
export type ClaimId = Branded<string, 'ClaimId'>;
export type SuggestionId = Branded<string, 'SuggestionId'>;
export type JobId = Branded<string, 'JobId'>;

/** Id prefixes by record kind, so an id alone tells what it names (`evt_…`, `ent_…`). */
export const ID_PREFIX = {
  event: 'evt',
  act: 'act',
  involvement: 'inv',
  entity: 'ent',
  claim: 'clm',
  suggestion: 'sug',
  job: 'job',
} as const;

export const createEventId = (): EventId => createId(ID_PREFIX.event) as EventId;
export const createActId = (): ActId => createId(ID_PREFIX.act) as ActId;
export const createInvolvementId = (): InvolvementId => createId(ID_PREFIX.involvement) as InvolvementId;
export const createEntityId = (): EntityId => createId(ID_PREFIX.entity) as EntityId;
export const createClaimId = (): ClaimId => createId(ID_PREFIX.claim) as ClaimId;
export const createSuggestionId = (): SuggestionId => createId(ID_PREFIX.suggestion) as SuggestionId;
export const createJobId = (): JobId => createId(ID_PREFIX.job) as JobId;
