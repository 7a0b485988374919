import type { Article } from './article.js';
import type { CollectionId, SourceId } from './ids.js';

/** How the original bytes reached Chronicle: `upload` and `text` (pasted) arrive through the API. */
export type CaptureOrigin = 'url' | 'file' | 'stdin' | 'upload' | 'text';

/**
 * Provenance of one captured item. The original bytes are immutable and
 * content-addressed by `sha256`; everything else here describes how they were obtained.
 */
export interface Provenance {
  origin: CaptureOrigin;
  /** The path or URL exactly as given, or "-" for standard input. */
  input: string;
  /** The URL asked for (URL captures only). */
  requestedUrl: string | null;
  /** The URL after redirects (URL captures only). */
  finalUrl: string | null;
  redirects: { url: string; status: number }[];
  httpStatus: number | null;
  httpHeaders: Record<string, string> | null;
  /** IP address the fetch connected to. */
  remoteAddress: string | null;
  fileName: string | null;
  capturedAt: string;
  capturedBy: string;
  tool: string;
  toolVersion: string;
}

export interface Source {
  id: SourceId;
  collectionId: CollectionId;
  sha256: string;
  byteSize: number;
  mediaType: string;
  provenance: Provenance;
  /** Id of an earlier source this one is a near duplicate of (syndicated copy etc.). */
  duplicateOf: SourceId | null;
}

/** A derived, regenerable working copy: the cleaned article or why cleaning failed. */
export interface SourceArticle {
  sourceId: SourceId;
  cleaner: string;
  cleanerVersion: string;
  article: Article | null;
  error: string | null;
}

/** The canonical public URL of a source, when it has one. */
export function sourceUrl(source: Source): string | null {
  return source.provenance.finalUrl ?? source.provenance.requestedUrl;
}
