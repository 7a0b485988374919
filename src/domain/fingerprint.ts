/**
 * Near-duplicate fingerprints: MinHash over 5-word shingles of the cleaned text, with
 * LSH bands so candidates are found by an indexed lookup instead of a scan.
 *
 * Example: two syndicated copies of one article, with different site boilerplate already
 * removed by the cleaner, share nearly all shingles -> similarity ≈ 0.9 -> duplicate.
 * A short excerpt of a longer article has low Jaccard but high containment, which is
 * why both are checked.
 */
export const SIGNATURE_SIZE = 64;
export const BAND_ROWS = 4;
const SHINGLE_WORDS = 5;
/** Texts with fewer shingles than this are too short to call near duplicates safely. */
export const MIN_SHINGLES = 12;

export interface Fingerprint {
  /** Number of distinct shingles. */
  size: number;
  signature: Uint32Array;
}

export interface Similarity {
  jaccard: number;
  /** Share of the smaller text's shingles found in the larger one (estimated). */
  containment: number;
}

const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let x = 0x9e3779b9;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    seeds[i] = x >>> 0;
  }
  return seeds;
})();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Lower-cased word tokens, Unicode-aware, so Cyrillic and Latin texts both work. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function fingerprintText(text: string): Fingerprint | null {
  const words = wordsOf(text);
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    hashes.add(fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  if (hashes.size < MIN_SHINGLES) return null;
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const v = mix(h, SEEDS[i]!);
      if (v < signature[i]!) signature[i] = v;
    }
  }
  return { size: hashes.size, signature };
}

/** LSH band keys: texts sharing any band are candidates for comparison. */
export function bandsOf(fp: Fingerprint): string[] {
  const bands: string[] = [];
  for (let b = 0; b * BAND_ROWS < SIGNATURE_SIZE; b++) {
    let key = `${b}:`;
    for (let r = 0; r < BAND_ROWS; r++) key += fp.signature[b * BAND_ROWS + r]!.toString(16).padStart(8, '0');
    bands.push(key);
  }
  return bands;
}

export function compareFingerprints(a: Fingerprint, b: Fingerprint): Similarity {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a.signature[i] === b.signature[i]) same++;
  const jaccard = same / SIGNATURE_SIZE;
  // |A ∩ B| = J (|A| + |B|) / (1 + J)
  const intersection = (jaccard * (a.size + b.size)) / (1 + jaccard);
  const containment = Math.min(1, intersection / Math.min(a.size, b.size));
  return { jaccard, containment };
}

/** The rule: near-duplicate when most of the text is shared either way. */
export function isNearDuplicate(s: Similarity): boolean {
  return s.jaccard >= 0.6 || s.containment >= 0.85;
}

export function encodeFingerprint(fp: Fingerprint): string {
  let out = `${fp.size}:`;
  for (const v of fp.signature) out += v.toString(16).padStart(8, '0');
  return out;
}

export function decodeFingerprint(s: string): Fingerprint {
  const [size, hex = ''] = s.split(':');
  const signature = new Uint32Array(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) signature[i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
  return { size: Number(size), signature };
}
