/**
 * From a parsed query to a match tree over index terms, resolved against the vocabulary: terms
 * no document holds are dropped, prefixes become the terms they cover (or an engine prefix
 * query when they cover too many), and every node carries document-frequency estimates that
 * decide how the query runs. Both back-ends compile the same tree (FTS5 MATCH / tsquery).
 *
 *   parseQueryText('Nazarbaev arrested') + vocabulary
 *   -> and[ or[nazarbaev(df 12), nazarbaeva(3), nazarbaevtin(1)], or[arrest(880), arested(301)] ]
 */
import { sql } from 'kysely';
import { gramOf } from './analyze.js';
import type { ParsedQuery, QueryItem, QueryWord } from './query-language.js';
import type { SearchDb } from './search-index.js';

export type Match =
  | { t: 'term'; term: string; df: number }
  /** `terms`: the vocabulary terms it covers, when few enough to list (see SearchTuning.recentExpansions). */
  | { t: 'prefix'; prefix: string; df: number; terms?: string[] }
  | { t: 'phrase'; terms: string[]; df: number }
  | { t: 'or'; items: Match[] }
  | { t: 'and'; items: Match[] }
  | { t: 'not'; pos: Match; neg: Match }
  | { t: 'none' };

export const NONE: Match = { t: 'none' };

export function term(t: string, df = 0): Match {
  return { t: 'term', term: t, df };
}

/** AND, flattened; nothing if any part is nothing. */
export function and(items: Match[]): Match {
  const flat: Match[] = [];
  for (const m of items) {
    if (m.t === 'none') return NONE;
    if (m.t === 'and') flat.push(...m.items);
    else flat.push(m);
  }
  if (flat.length === 0) return NONE;
  return flat.length === 1 ? flat[0]! : { t: 'and', items: flat };
}

/** OR, flattened and de-duplicated; parts that match nothing are dropped. */
export function or(items: Match[]): Match {
  const flat: Match[] = [];
  const seen = new Set<string>();
  const add = (m: Match) => {
    const key = JSON.stringify(m);
    if (!seen.has(key)) {
      seen.add(key);
      flat.push(m);
    }
  };
  for (const m of items) {
    if (m.t === 'none') continue;
    if (m.t === 'or') m.items.forEach(add);
    else add(m);
  }
  if (flat.length === 0) return NONE;
  return flat.length === 1 ? flat[0]! : { t: 'or', items: flat };
}

export function not(pos: Match, neg: Match): Match {
  if (pos.t === 'none') return NONE;
  if (neg.t === 'none') return pos;
  return { t: 'not', pos, neg };
}

/** At most how many documents match (by document frequencies). */
export function rowsBound(m: Match): number {
  switch (m.t) {
    case 'term':
    case 'prefix':
    case 'phrase':
      return m.df;
    case 'or':
      return m.items.reduce((n, i) => n + rowsBound(i), 0);
    case 'and':
      return Math.min(...m.items.map(rowsBound));
    case 'not':
      return rowsBound(m.pos);
    case 'none':
      return 0;
  }
}

/** Postings the engine reads to count every phrase's documents (what scoring costs). */
export function postings(m: Match): number {
  switch (m.t) {
    case 'term':
    case 'prefix':
    case 'phrase':
      return m.df;
    case 'or':
    case 'and':
      return m.items.reduce((n, i) => n + postings(i), 0);
    case 'not':
      return postings(m.pos) + postings(m.neg);
    case 'none':
      return 0;
  }
}

/** The words whose matches a snippet marks: every word of every non-negated clause. */
export function positiveWords(q: ParsedQuery): QueryWord[] {
  const out: QueryWord[] = [];
  for (const c of q.clauses) {
    if (c.negated) continue;
    for (const item of c.items) {
      if (item.kind === 'word') out.push(item.word);
      else out.push(...item.words);
    }
  }
  return out;
}

/** Resolves a parsed query against the vocabulary. */
export async function planText(db: SearchDb, q: ParsedQuery, maxExpansions: number, recentExpansions = maxExpansions): Promise<Match> {
  const vocab = new Vocabulary(db, maxExpansions, Math.max(maxExpansions, recentExpansions));
  const positive: Match[] = [];
  const negative: Match[] = [];
  for (const clause of q.clauses) {
    const alternatives: Match[] = [];
    for (const item of clause.items) alternatives.push(await vocab.item(item));
    (clause.negated ? negative : positive).push(or(alternatives));
  }
  return not(and(positive), or(negative));
}

class Vocabulary {
  private readonly df = new Map<string, number>();
  constructor(
    private readonly db: SearchDb,
    private readonly maxExpansions: number,
    private readonly listExpansions: number,
  ) {}

  async item(item: QueryItem): Promise<Match> {
    if (item.kind === 'word') return this.word(item.word);
    const s = item.words.map((w) => w.keys.s);
    const p = item.words.map((w) => w.keys.p);
    await this.load([...s, ...p]);
    const exact = or([this.phrase(s), this.phrase(p)]);
    if (exact.t === 'none') return NONE;
    // The bigram tokens every match carries (analyze.ts), so the engine checks positions only
    // where such pairs occur. Their frequency is not kept: the phrase's bound stands in for it.
    const bound = rowsBound(exact);
    const grams = [...new Set(item.words.slice(1).map((w, i) => gramOf(item.words[i]!.keys, w.keys)))];
    return and([...grams.map((g) => term(g, bound)), exact]);
  }

  private phrase(terms: string[]): Match {
    const dfs = terms.map((t) => this.df.get(t) ?? 0);
    if (dfs.some((d) => d === 0)) return NONE;
    return { t: 'phrase', terms, df: Math.min(...dfs) };
  }

  private async word(w: QueryWord): Promise<Match> {
    const exact = [...new Set([w.keys.s, w.keys.p])];
    await this.load(exact);
    const parts: Match[] = exact.filter((t) => (this.df.get(t) ?? 0) > 0).map((t) => term(t, this.df.get(t)!));
    for (const prefix of w.prefixes) parts.push(await this.prefix(prefix));
    return or(parts);
  }

  private async prefix(prefix: string): Promise<Match> {
    const rows = await this.db
      .selectFrom('search_vocab')
      .select(['term', 'df'])
      .where('term', '>=', prefix)
      .where('term', '<', `${prefix}~`)
      .orderBy('term')
      .limit(this.listExpansions + 1)
      .execute();
    if (rows.length <= this.maxExpansions) return or(rows.map((r) => term(r.term, Number(r.df))));
    if (rows.length <= this.listExpansions) {
      return { t: 'prefix', prefix, df: rows.reduce((n, r) => n + Number(r.df), 0), terms: rows.map((r) => r.term) };
    }
    const total = await this.db
      .selectFrom('search_vocab')
      .select(sql<number>`coalesce(sum(df), 0)`.as('df'))
      .where('term', '>=', prefix)
      .where('term', '<', `${prefix}~`)
      .executeTakeFirst();
    return { t: 'prefix', prefix, df: Number(total?.df ?? 0) };
  }

  private async load(terms: string[]): Promise<void> {
    const missing = [...new Set(terms)].filter((t) => !this.df.has(t));
    if (missing.length === 0) return;
    const rows = await this.db.selectFrom('search_vocab').select(['term', 'df']).where('term', 'in', missing).execute();
    for (const t of missing) this.df.set(t, 0);
    for (const r of rows) this.df.set(r.term, Number(r.df));
  }
}
