import type { Generated } from 'kysely';

/**
 * Row types as the database stores them. Booleans are integers 0/1 and structured
 * values are JSON text, so that one migration set and one set of queries serve both
 * SQLite and PostgreSQL. Rows never leave `storage/`: repositories map them.
 */
export interface CollectionsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface SourcesTable {
  id: string;
  collection_id: string;
  sha256: string;
  byte_size: number;
  media_type: string;
  origin: string;
  input: string;
  requested_url: string | null;
  final_url: string | null;
  redirects: string;
  http_status: number | null;
  http_headers: string | null;
  remote_address: string | null;
  file_name: string | null;
  captured_at: string;
  captured_by: string;
  tool: string;
  tool_version: string;
  duplicate_of: string | null;
}

export interface ArticlesTable {
  source_id: string;
  cleaner: string;
  cleaner_version: string;
  title: string | null;
  language: string | null;
  /** The whole Article as JSON, or null when cleaning failed. */
  article: string | null;
  error: string | null;
  created_at: string;
}

export interface SourceBandsTable {
  band: string;
  source_id: string;
}

export interface SourceFingerprintsTable {
  source_id: string;
  /** MinHash signature, hex-encoded 32-bit words. */
  signature: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject_id: string | null;
  details: string;
}

export interface JobsTable {
  id: string;
  collection_id: string;
  kind: string;
  subject_id: string;
  status: string;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExtractionsTable {
  source_id: string;
  extractor: string;
  extractor_version: string;
  extraction: string;
  created_at: string;
}

export interface EntitiesTable {
  id: string;
  collection_id: string;
  type: string;
  name: string;
  status: string;
  merged_into: string | null;
  /** The root this row stands for now (itself for a root); kept by EntityRepository (0005). */
  root_id: string | null;
  external_ids: string;
  withdrawn_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EntityAliasesTable {
  entity_id: string;
  alias: string;
  script: string;
}

export interface EntityKeysTable {
  collection_id: string;
  key: string;
  entity_id: string;
}

/** Each entity tree's distinct aliases, by root (0005; kept by EntityRepository). */
export interface EntityTreeAliasesTable {
  root_id: string;
  alias: string;
}

/** Each entity tree's distinct blocking keys, by root (0005; kept by EntityRepository). */
export interface EntityTreeKeysTable {
  collection_id: string;
  key: string;
  root_id: string;
}

export interface MentionsTable {
  id: Generated<number>;
  entity_id: string;
  source_id: string;
  span_start: number;
  span_end: number;
  text: string;
}

export interface EventsTable {
  id: string;
  collection_id: string;
  title: string;
  types: string;
  date_from: string | null;
  date_to: string | null;
  date_precision: string | null;
  place_id: string | null;
  place_precision: string | null;
  description: string;
  status: string;
  confidentiality: string;
  withdrawn_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EventSourcesTable {
  event_id: string;
  source_id: string;
  added_at: string;
  added_by: string;
}

export interface ActsTable {
  id: string;
  event_id: string;
  act_type: string;
  esf_term: string | null;
  victim_id: string | null;
  victim_label: string | null;
  count_value: number | null;
  count_approximate: number;
  negated: number;
  hedged: number;
  version: number;
}

export interface InvolvementsTable {
  id: string;
  act_id: string;
  perpetrator_id: string | null;
  perpetrator_label: string | null;
  degree: string;
  version: number;
}

export interface ClaimsTable {
  id: string;
  record_kind: string;
  record_id: string;
  field: string;
  value: string;
  source_id: string | null;
  span_start: number | null;
  span_end: number | null;
  quote: string | null;
  coder_kind: string;
  coder: string;
  coder_version: string | null;
  reliability: string;
  connection: string;
  comment: string | null;
  created_at: string;
}

export interface RecordVersionsTable {
  id: Generated<number>;
  record_kind: string;
  record_id: string;
  version: number;
  at: string;
  actor: string;
  changes: string;
  comment: string | null;
}

export interface SuggestionsTable {
  id: string;
  collection_id: string;
  kind: string;
  status: string;
  event_id: string | null;
  entity_id: string | null;
  other_entity_id: string | null;
  score: number | null;
  reasons: string;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_comment: string | null;
}

/** Accounts (0004-accounts). `is_admin` is 0/1: a global administrator. */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  is_admin: number;
  created_at: string;
  removed_at: string | null;
}

export interface MembershipsTable {
  user_id: string;
  collection_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 hex of the token in the browser's cookie; the token itself is never stored. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}

export interface LoginAttemptsTable {
  /** SHA-256 hex of (login name, client address): neither is stored in clear. */
  key_hash: string;
  failures: number;
  last_failure_at: string;
  next_allowed_at: string;
}

export interface InstanceSetupTable {
  id: string;
  completed_at: string;
}

export interface Database {
  collections: CollectionsTable;
  sources: SourcesTable;
  articles: ArticlesTable;
  source_bands: SourceBandsTable;
  source_fingerprints: SourceFingerprintsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  extractions: ExtractionsTable;
  entities: EntitiesTable;
  entity_aliases: EntityAliasesTable;
  entity_keys: EntityKeysTable;
  entity_tree_aliases: EntityTreeAliasesTable;
  entity_tree_keys: EntityTreeKeysTable;
  mentions: MentionsTable;
  events: EventsTable;
  event_sources: EventSourcesTable;
  acts: ActsTable;
  involvements: InvolvementsTable;
  claims: ClaimsTable;
  record_versions: RecordVersionsTable;
  suggestions: SuggestionsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  instance_setup: InstanceSetupTable;
}
