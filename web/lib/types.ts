/**
 * Shapes the UI reads from the API. Record and extraction shapes come from src/domain
 * (types only: nothing of the server is bundled); the rest mirror the routes' JSON.
 */
import type { Role } from '../../src/domain/access.js';
import type { Article } from '../../src/domain/article.js';
import type { Extraction } from '../../src/domain/extraction.js';
import type { ActRecord, Claim, EntityAlias, EntityRecord, EventRecord, InvolvementRecord, Mention, RecordVersion, Suggestion } from '../../src/domain/records.js';
import type { FacetCount, SearchHit, SearchKind } from '../../src/domain/search.js';
import type { Provenance } from '../../src/domain/source.js';

export type { Role, Article, Extraction, Claim, EntityAlias, EntityRecord, EventRecord, Mention, RecordVersion, Suggestion, FacetCount, SearchHit, SearchKind, Provenance };

export interface Membership {
  collectionId: string;
  role: Role;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  createdAt: string;
  memberships: Membership[];
}

export interface Me {
  user: User;
  via: 'session' | 'token';
  csrfToken: string | null;
  expiresAt: string | null;
  idleExpiresAt?: string | null;
}

export interface SetupState {
  needsSetup: boolean;
  setupCodeRequired: boolean;
}

export interface SourceSummary {
  id: string;
  title: string | null;
  language: string | null;
  mediaType: string;
  byteSize: number;
  capturedAt: string;
  capturedBy: string;
  url: string | null;
  fileName: string | null;
  duplicateOf: string | null;
  cleanError: string | null;
  /** The extraction job: null before one was queued. */
  processing: Processing;
}

export type Processing = { status: 'pending' | 'running' | 'done' | 'failed'; error: string | null; attempts: number; updatedAt: string } | null;

export interface CaptureResult {
  id: string;
  stored: boolean;
  sha256: string;
  byteSize: number;
  mediaType: string;
  title: string | null;
  cleanError: string | null;
  duplicateOf: string | null;
  duplicateKind: 'exact' | 'near' | null;
}

export interface SourceDetail {
  source: { id: string; collectionId: string; sha256: string; byteSize: number; mediaType: string; duplicateOf: string | null; provenance: Provenance };
  article: { cleaner: string; cleanerVersion: string; error: string | null; value: Article | null } | null;
  processing?: Processing;
}

export interface SourceExtraction {
  sourceId: string;
  extractor: string;
  extractorVersion: string;
  createdAt: string;
  extraction: Extraction;
}

export interface Job {
  id: string;
  kind: string;
  subjectId: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EntityRef {
  id: string;
  name: string;
  type: string;
}

export interface EventSummary extends EventRecord {
  place: EntityRef | null;
  sourceCount: number;
  independentSources: number;
}

/** What the timeline draws of an event (GET /events/timeline). */
export interface EventBrief {
  id: string;
  title: string;
  types: string[];
  status: string;
  dateFrom: string | null;
  dateTo: string | null;
  datePrecision: string | null;
  place: EntityRef | null;
}

export interface EventDetail extends EventSummary {
  sources: { id: string; title: string | null; url: string | null; capturedAt: string; duplicateOf: string | null; group: number }[];
  acts: (ActRecord & { victim: EntityRef | null; involvements: (InvolvementRecord & { perpetrator: EntityRef | null })[] })[];
  claims: Claim[];
  conflicts: { recordKind: string; recordId: string; field: string; values: { value: unknown; claims: string[]; sources: string[] }[] }[];
}

/** A suggestion as listed for review: the record it proposes, described. */
export interface SuggestionView extends Suggestion {
  summary?: string;
  event?: EventSummary | null;
  entity?: EntityRecord | null;
  otherEntity?: EntityRecord | null;
  /** Where in a source the suggestion's evidence lies (when the API gives it). */
  evidence?: { sourceId: string; start: number; end: number; quote?: string | null }[];
  sourceIds?: string[];
}

export interface EntityDetail extends EntityRecord {
  aliases: Record<EntityAlias['script'], string[]>;
  members: { id: string; name: string; status: string; mergedInto: string | null }[];
  mentions: Mention[];
  events: string[];
}

/** A place on the map with its events (GET /events/geo). */
export interface GeoPlace {
  id: string;
  name: string;
  lat: number;
  lon: number;
  count: number;
  /** Events by type, most first. */
  types: { type: string; count: number }[];
}

export interface GeoSummary {
  places: GeoPlace[];
  unplaced: number;
  total: number;
}

export interface MonthlyCount {
  month: string;
  type: string;
  count: number;
}

export interface SearchResponse {
  total: { value: number; exact: boolean };
  order: 'relevance' | 'recency';
  hits: SearchHit[];
  facets: { kind: FacetCount[]; type: FacetCount[]; place: FacetCount[]; person: FacetCount[]; year: FacetCount[] };
}

export interface ViolationOutcome {
  event: EventRecord;
  victim: { id: string; name: string; reused: boolean };
  perpetrator: { id: string; name: string; reused: boolean } | null;
  place: { id: string; name: string; reused: boolean } | null;
}
