/**
 * A once-per-text prefilter for rule sets of regular expressions (event triggers, date rules).
 * Most rules can only match where one of a few literal words begins ("задержа", "арест",
 * "январ"…); a text that contains none of a rule's opening literals cannot match that rule, so
 * its scan over the whole text is skipped. Which literals a text contains is found by one scan of
 * a single alternation of all of them, so a rule set of sixty patterns costs one scan plus
 * the scans of the rules that may match.
 *
 * Exactness: `openingLiterals(source)` returns strings of which every match of the pattern
 * begins with one (compared as the pattern compares: case-insensitively with the `iu` flags,
 * which is how the presence scan compares too; a case-sensitive pattern's matches are among
 * them), or null when it cannot tell (then the rule always runs). Literals shorter than
 * MIN_LITERAL make the rule always run too (they would be found in nearly every text).
 *
 *   const filter = literalPrefilter(rules.map((r) => r.re));
 *   const may = filter(text); // may[i] === false: rule i has no match in text
 */

import { closingParen, walkGroups } from './boundary-scan.js';

const MIN_LITERAL = 3;

/** Splits src[from, to) at its top-level `|`. */
function alternatives(src: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = from;
  walkGroups(src, from, to, (i, c, depth) => {
    if (c === '|' && depth === 0) {
      out.push([start, i]);
      start = i + 1;
    }
  });
  out.push([start, to]);
  return out;
}

/** Quantifier at `at`: 'none', 'optional' (may match zero times) or 'required' (at least once). */
function quantifierAt(src: string, at: number): 'none' | 'optional' | 'required' {
  const c = src[at];
  if (c === '?' || c === '*') return 'optional';
  if (c === '+') return 'required';
  if (c === '{') {
    const m = /^\{(\d+)/.exec(src.slice(at, at + 12));
    if (m === null) return 'optional'; // not expected with the u flag; be conservative
    return Number(m[1]) === 0 ? 'optional' : 'required';
  }
  return 'none';
}

const LITERAL_CHAR = /^[\p{L}\p{N} ]$/u;

/** End (exclusive) of the quantifier at `at`, or `at` when there is none. */
function skipQuantifier(src: string, at: number): number {
  let i = at;
  const c = src[i];
  if (c === '?' || c === '*' || c === '+') i++;
  else if (c === '{') {
    const end = src.indexOf('}', i);
    if (end < 0) return -1;
    i = end + 1;
  } else return at;
  if (src[i] === '?') i++; // lazy
  return i;
}

/** End (exclusive) of the escape that starts at `at` (a backslash), or -1. */
function skipEscape(src: string, at: number): number {
  const c = src[at + 1];
  if (c === undefined) return -1;
  if ((c === 'p' || c === 'P' || c === 'u') && src[at + 2] === '{') {
    const end = src.indexOf('}', at);
    return end < 0 ? -1 : end + 1;
  }
  if (c === 'k' && src[at + 2] === '<') {
    const end = src.indexOf('>', at);
    return end < 0 ? -1 : end + 1;
  }
  if (c === 'u') return at + 6;
  if (c === 'x') return at + 4;
  if (c === 'c') return at + 3;
  return at + 2;
}

/** The better of two necessary literal sets: the one whose shortest literal is longer. */
function better(a: string[] | null, b: string[] | null): string[] | null {
  if (a === null) return b;
  if (b === null) return a;
  const ma = Math.min(...a.map((l) => l.length));
  const mb = Math.min(...b.map((l) => l.length));
  return mb > ma || (mb === ma && b.length < a.length) ? b : a;
}

/**
 * Literals of which every match of the sequence src[from, to) (no top-level `|`) contains one,
 * or null. Every element of a sequence that is not quantified to be optional is required, so
 * the set of any one such element will do: a run of plain characters, or a group's alternation.
 */
function sequenceLiterals(src: string, from: number, to: number): string[] | null {
  let best: string[] | null = null;
  let lit = '';
  const endRun = (): void => {
    if ([...lit].length >= MIN_LITERAL) best = better(best, [lit]);
    lit = '';
  };
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === '(') {
      endRun();
      const close = closingParen(src, i);
      if (close < 0 || close >= to) throw new Error('unbalanced');
      const after = skipQuantifier(src, close + 1);
      if (after < 0) throw new Error('bad quantifier');
      const q = quantifierAt(src, close + 1);
      const assertion = src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i);
      if (!assertion && q !== 'optional') {
        let inner = i + 1;
        let known = true;
        if (src.startsWith('(?:', i)) inner = i + 3;
        else if (src.startsWith('(?<', i)) {
          const gt = src.indexOf('>', i);
          if (gt < 0 || gt > close) known = false;
          else inner = gt + 1;
        } else if (src[i + 1] === '?') known = false; // modifiers or anything unknown
        if (known) {
          const own = alternationLiterals(src, inner, close);
          if (own !== null && own.every((l) => [...l].length >= MIN_LITERAL)) best = better(best, own);
        }
      }
      i = after;
      continue;
    }
    if (LITERAL_CHAR.test(c)) {
      const q = quantifierAt(src, i + 1);
      if (q === 'optional') {
        endRun();
      } else {
        lit += c;
        if (q === 'required') endRun();
      }
      const after = skipQuantifier(src, i + 1);
      if (after < 0) throw new Error('bad quantifier');
      i = after;
      continue;
    }
    endRun();
    let end: number;
    if (c === '\\') end = skipEscape(src, i);
    else if (c === '[') {
      end = -1;
      for (let k = i + 1; k < to; k++) {
        if (src[k] === '\\') k++;
        else if (src[k] === ']') {
          end = k + 1;
          break;
        }
      }
    } else end = i + 1;
    if (end < 0) throw new Error('bad escape or class');
    const after = skipQuantifier(src, end);
    if (after < 0) throw new Error('bad quantifier');
    i = after;
  }
  endRun();
  return best;
}

/** Opening literals of the alternation src[from, to), or null. */
function alternationLiterals(src: string, from: number, to: number): string[] | null {
  const out: string[] = [];
  for (const [a, b] of alternatives(src, from, to)) {
    const lits = sequenceLiterals(src, a, b);
    if (lits === null) return null;
    out.push(...lits);
  }
  return out;
}

/** See the file comment. */
export function openingLiterals(source: string): string[] | null {
  try {
    const lits = alternationLiterals(source, 0, source.length);
    if (lits === null || lits.length === 0 || lits.some((l) => [...l].length < MIN_LITERAL)) return null;
    return [...new Set(lits)];
  } catch {
    return null;
  }
}

/**
 * `openingLiterals` of a pattern without the u flag (the English date rules), or null. The parse
 * reads such a source alike when it has no escape whose meaning the flag changes (\p, \u, \x,
 * \c, \k) and every brace belongs to a quantifier. The literals must be ASCII: an ASCII letter
 * matches, case-insensitively without the u flag, only its two ASCII cases, which the presence
 * scan (iu) matches too, so the scan finds every literal such a pattern needs.
 */
function asciiLiterals(source: string): string[] | null {
  if (/\\[pPuxck]/.test(source) || /[{}]/.test(source.replace(/\{\d+(?:,\d*)?\}/g, ''))) return null;
  const lits = openingLiterals(source);
  return lits !== null && lits.every((l) => /^[A-Za-z0-9 ]+$/.test(l)) ? lits : null;
}

/** For a list of patterns: which of them may match in a text (see the file comment). */
export type Prefilter = (text: string) => readonly boolean[];

export function literalPrefilter(patterns: readonly RegExp[]): Prefilter {
  const perRule = patterns.map((re) => (re.flags.includes('v') ? null : re.unicode ? openingLiterals(re.source) : asciiLiterals(re.source)));
  const all = [...new Set(perRule.flatMap((l) => l ?? []))].sort((a, b) => b.length - a.length);
  if (all.length === 0) return () => patterns.map(() => true);
  const index = new Map(all.map((l, i) => [l, i]));
  // A literal found at a position implies every literal that is (case-insensitively) a prefix of it.
  const implied = all.map((l) => all.flatMap((p, j) => (new RegExp(`^(?:${p})`, 'iu').test(l) ? [j] : [])));
  const { source, groupLiterals } = trieSource(all);
  // `find` (no capturing groups) finds where literals occur; `which` (an empty group at each
  // literal end) tells which literal a found text is. The scan runs `find`: a match array of
  // one element, where `which` would fill and allocate ~150 groups at every match.
  const find = new RegExp(trieSource(all, false).source, 'giu');
  const which = new RegExp(source, 'iuy');
  // Per group: the literals it marks present (its own and, case-insensitively, their prefixes).
  const marks = groupLiterals.map((ls) => [...new Set(ls.flatMap((l) => implied[l]!))]);
  /**
   * Found text -> its group, as `which` matched at the found position tells (a bounded memo).
   * `which` matched on the found text alone takes the same path as at its place in the text:
   * the paths tried before it fail there on a character within the found text (or its end),
   * and there are no lookarounds.
   */
  const groupOfText = new Map<string, number>();
  const groupOf = (found: string): number => {
    let g = groupOfText.get(found);
    if (g === undefined) {
      which.lastIndex = 0;
      const m = which.exec(found)!;
      g = 1;
      while (m[g] === undefined) g++;
      if (groupOfText.size >= 10_000) groupOfText.clear();
      groupOfText.set(found, g);
    }
    return g;
  };
  const rules = perRule.map((l) => (l === null ? null : l.map((x) => index.get(x)!)));
  return (text) => {
    const seen = new Uint8Array(all.length);
    find.lastIndex = 0;
    for (let m = find.exec(text); m !== null; m = find.exec(text)) {
      for (const j of marks[groupOf(m[0]) - 1]!) seen[j] = 1;
      find.lastIndex = m.index + 1;
    }
    return rules.map((r) => r === null || r.some((j) => seen[j] === 1));
  };
}

interface TrieNode { char: string; children: TrieNode[]; ends: number[] }

/**
 * The presence scan as a trie of the literals rather than one alternative per literal: at each
 * text position the engine follows one branch per character instead of trying every literal
 * (about ten times faster with ~150 literals). Children are merged when their characters are
 * equal as the scan compares them (case-insensitively, `iu`), so at most one child can match
 * a text character, and children are tried before ending at a node: the match at a position
 * is the longest literal there, as with the longest-first alternation. An empty group marks
 * each node where literals end; `groupLiterals[g - 1]` lists the literals of group g (several
 * when they are equal case-insensitively). Unmarked (`marked` false), the source has no groups:
 * ending at a node is then the empty choice of an optional group, still tried last, so it
 * matches the same text at the same places.
 */
function trieSource(literals: readonly string[], marked = true): { source: string; groupLiterals: number[][] } {
  const root: TrieNode = { char: '', children: [], ends: [] };
  const same = (a: string, b: string): boolean => new RegExp(`^${a}$`, 'iu').test(b);
  literals.forEach((l, i) => {
    let node = root;
    for (const ch of l) {
      let next = node.children.find((c) => same(c.char, ch));
      if (next === undefined) {
        next = { char: ch, children: [], ends: [] };
        node.children.push(next);
      }
      node = next;
    }
    node.ends.push(i);
  });
  const groupLiterals: number[][] = [];
  const emit = (node: TrieNode): string => {
    const parts = node.children.map((c) => c.char + emit(c));
    if (node.ends.length > 0) {
      groupLiterals.push(node.ends);
      if (marked) parts.push('()');
      // unmarked: ending here is the last choice, as the empty group is above
      else if (parts.length > 0) return `(?:${parts.join('|')})?`;
      else return '';
    }
    return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  };
  return { source: emit(root), groupLiterals };
}
