import type { Generated, Kysely, Transaction } from 'kysely';
import type { SearchDocument, SearchQueryInput, SearchResult } from '../../domain/search.js';

/**
 * Full-text search over sources and records. SQLite (FTS5) and PostgreSQL (tsvector + GIN)
 * implement it and pass one shared suite (test/search.suite.ts). Every write is one
 * transaction; a document indexed again replaces its earlier version.
 */
export interface SearchIndex {
  /** Adds or replaces documents (by id). */
  index(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** Validates the query (INVALID_INPUT naming the problem when bad) and runs it. */
  search(query: SearchQueryInput): Promise<SearchResult>;
  /** Compacts the index after a bulk load (SQLite: FTS5 optimize; PostgreSQL: ANALYZE). */
  optimize(): Promise<void>;
}

/**
 * Bounds that keep every query fast (see sqlite-search.ts for the design). Tests shrink them to
 * exercise both paths on a few documents.
 */
export interface SearchTuning {
  /**
   * A query is scored (relevance order, exact total and facets) when at most this many
   * documents can match it, going by the vocabulary's document frequencies.
   */
  rankRows: number;
  /**
   * …and when the postings its terms hold, summed, are at most this many (scoring needs
   * every term's document count, which costs a pass over its postings).
   */
  rankPostings: number;
  /** Otherwise the newest matches are counted, and faceted, up to this many. */
  window: number;
  /** A query prefix expanding to more vocabulary terms than this is scored as one engine prefix term. */
  maxExpansions: number;
  /**
   * On the newest-first path a prefix covering up to this many terms is still read as an OR of
   * them: an engine prefix query (FTS5 `"x"*`) merges every covered term's whole doclist before
   * returning a row — hundreds of ms for a common root at a million documents — where an OR of
   * the listed terms is read newest first and stops at the window. (Scoring keeps the engine
   * prefix beyond maxExpansions: listed, each rare form would weigh by its own rarity.)
   */
  recentExpansions: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  rankRows: 5_000,
  rankPostings: 60_000,
  window: 2_000,
  maxExpansions: 40,
  recentExpansions: 200,
};

// ---------------------------------------------------------------------------------------------
// Tables (created by migrations/0003-search.ts). Rows never leave storage/.

export interface SearchDocsTable {
  /** Insertion sequence: newer documents have larger rowids ("newest first" means this). */
  rowid: Generated<number>;
  id: string;
  collection_id: string;
  kind: string;
  language: string | null;
  date_from: string | null;
  date_to: string | null;
  /** The document's facet tokens, space-separated with a space at each end: ` _ksource _t3 _y2016 `. */
  facets: string;
}

export interface SearchTextsTable {
  rowid: number;
  title: string;
  body: string;
}

/** Facet values per collection: `_t<id>`, `_l<id>`, `_p<id>` and `_c<id>` tokens point here. */
export interface SearchValuesTable {
  id: Generated<number>;
  collection_id: string;
  /** collection | type | place | person | year */
  facet: string;
  key: string;
  label: string;
}

/** Document frequency of every S and P term (all collections). */
export interface SearchVocabTable {
  term: string;
  df: number;
}

// A type alias, not an interface: Kysely's withTables<T>() wants an index-signature-compatible type.
export type SearchTables = {
  search_docs: SearchDocsTable;
  search_texts: SearchTextsTable;
  search_values: SearchValuesTable;
  search_vocab: SearchVocabTable;
};

export type SearchDb = Kysely<SearchTables> | Transaction<SearchTables>;
