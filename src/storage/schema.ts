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

export interface Database {
  collections: CollectionsTable;
  sources: SourcesTable;
  articles: ArticlesTable;
  source_bands: SourceBandsTable;
  source_fingerprints: SourceFingerprintsTable;
  audit_log: AuditLogTable;
}
