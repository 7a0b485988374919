import type { Article } from '../domain/article.js';
import { bandsOf, compareFingerprints, fingerprintText, isNearDuplicate, type Fingerprint } from '../domain/fingerprint.js';
import { createJobId, createSourceId, DEFAULT_COLLECTION, type CollectionId, type SourceId } from '../domain/ids.js';
import type { Provenance, Source } from '../domain/source.js';
import { acquire, type AcquireOptions, type Acquired } from '../pipeline/capture/acquire.js';
import { CLEANER, cleanCapture } from '../pipeline/clean/clean-capture.js';
import { sha256Hex, type BlobStore } from '../storage/blob-store.js';
import type { SourceRepository } from '../storage/source.repository.js';
import type { UnitOfWork } from '../storage/unit-of-work.js';

/** The job kind that extracts a stored source and turns it into suggestions. */
export const PROCESS_SOURCE_JOB = 'process-source';

export interface ToolInfo {
  name: string;
  version: string;
}

export interface CaptureSettings {
  acquire: AcquireOptions;
  /** Recorded as who captured. */
  user: string;
  tool: ToolInfo;
  collectionId?: CollectionId;
  now?: () => Date;
}

/** What one input became. `error` is set exactly when nothing usable was obtained. */
export type CaptureOutcome =
  | { input: string; ok: false; error: string }
  | {
      input: string;
      ok: true;
      /** Null when not stored (--no-store). */
      id: SourceId | null;
      /** True when this call wrote a new source; false for --no-store and exact duplicates. */
      stored: boolean;
      sha256: string;
      byteSize: number;
      mediaType: string;
      provenance: Provenance;
      /** The cleaned article, or null with `cleanError` when the bytes held no readable text. */
      article: Article | null;
      cleanError: string | null;
      /** An exact (same SHA-256) or near duplicate already stored. */
      duplicateOf: SourceId | null;
      duplicateKind: 'exact' | 'near' | null;
    };

/**
 * Capture: original bytes + provenance in, a durable Source out.
 * The blob is written and fsynced before the row's transaction commits, so an
 * acknowledged capture always has both; a failed input stores nothing.
 */
export class CaptureService {
  constructor(
    private readonly sources: SourceRepository | null,
    private readonly unitOfWork: UnitOfWork | null,
    private readonly blobs: BlobStore | null,
  ) {}

  async capture(input: string, settings: CaptureSettings, options: { store: boolean }): Promise<CaptureOutcome> {
    const acquired = await acquire(input, settings.acquire);
    if (!acquired.ok) return { input, ok: false, error: acquired.reason };
    return this.captureAcquired(input, acquired.value, settings, options);
  }

  /**
   * Capture of bytes already in hand (an upload or pasted text received by the API), through
   * the same cleaning, de-duplication and storing as `capture`. `input` is what provenance
   * records as given, e.g. `upload:report.pdf`.
   */
  async captureAcquired(input: string, a: Acquired, settings: CaptureSettings, options: { store: boolean }): Promise<CaptureOutcome> {
    const now = settings.now ?? (() => new Date());
    const collectionId = settings.collectionId ?? DEFAULT_COLLECTION;
    const capturedAt = now().toISOString();
    const sha256 = sha256Hex(a.bytes);
    const headers = a.fetched?.headers ?? null;
    const cleaned = await cleanCapture({
      bytes: a.bytes,
      contentType: a.contentType,
      fileName: a.fileName,
      url: a.fetched?.finalUrl ?? null,
      languageHint: headers?.['content-language'] ?? null,
    });
    if (!cleaned.supported) return { input, ok: false, error: cleaned.article.ok ? 'unsupported content' : cleaned.article.reason };
    const article = cleaned.article.ok ? cleaned.article.value : null;
    const cleanError = cleaned.article.ok ? null : cleaned.article.reason;
    const provenance: Provenance = {
      origin: a.origin,
      input,
      requestedUrl: a.fetched?.requestedUrl ?? null,
      finalUrl: a.fetched?.finalUrl ?? null,
      redirects: a.fetched?.redirects ?? [],
      httpStatus: a.fetched?.status ?? null,
      httpHeaders: headers,
      remoteAddress: a.fetched?.remoteAddress ?? null,
      fileName: a.fileName,
      capturedAt,
      capturedBy: settings.user,
      tool: settings.tool.name,
      toolVersion: settings.tool.version,
    };
    const base = { input, ok: true as const, sha256, byteSize: a.bytes.length, mediaType: cleaned.mediaType, provenance, article, cleanError };

    if (!options.store) return { ...base, id: null, stored: false, duplicateOf: null, duplicateKind: null };
    const { sources, unitOfWork, blobs } = this.requireStorage();

    const exact = await sources.findBySha256(collectionId, sha256);
    if (exact) return { ...base, id: exact.id, stored: false, duplicateOf: exact.id, duplicateKind: 'exact' };

    const fingerprint = article ? fingerprintText(article.text) : null;
    const bands = fingerprint ? bandsOf(fingerprint) : [];
    const near = fingerprint ? await this.findNearDuplicate(collectionId, fingerprint, bands) : null;

    await blobs.put(a.bytes);
    const source: Source = {
      id: createSourceId(),
      collectionId,
      sha256,
      byteSize: a.bytes.length,
      mediaType: cleaned.mediaType,
      provenance,
      duplicateOf: near,
    };
    const stored = await unitOfWork.run(async (tx) => {
      // Re-check inside the transaction: another process may have stored the same bytes.
      const raced = await tx.sources.findBySha256(collectionId, sha256);
      if (raced) return raced;
      await tx.sources.insert({
        source,
        article: { sourceId: source.id, cleaner: CLEANER.name, cleanerVersion: CLEANER.version, article, error: cleanError },
        fingerprint,
        bands,
      });
      await tx.audit.append(
        {
          actor: settings.user,
          action: 'source.capture',
          subjectId: source.id,
          details: { sha256, origin: a.origin, mediaType: cleaned.mediaType, byteSize: a.bytes.length, duplicateOf: near },
        },
        capturedAt,
      );
      // Cleaned sources are extracted in the background (`chronicle jobs run` / `serve`).
      if (article) {
        await tx.jobs.enqueue({ id: createJobId(), collectionId, kind: PROCESS_SOURCE_JOB, subjectId: source.id }, capturedAt);
      }
      return null;
    });
    if (stored) return { ...base, id: stored.id, stored: false, duplicateOf: stored.id, duplicateKind: 'exact' };
    return { ...base, id: source.id, stored: true, duplicateOf: near, duplicateKind: near ? 'near' : null };
  }

  private async findNearDuplicate(collectionId: CollectionId, fp: Fingerprint, bands: string[]): Promise<SourceId | null> {
    const candidates = await this.requireStorage().sources.findByBands(collectionId, bands);
    let best: { id: SourceId; score: number } | null = null;
    for (const c of candidates) {
      const sim = compareFingerprints(fp, c.fingerprint);
      if (!isNearDuplicate(sim)) continue;
      const score = Math.max(sim.jaccard, sim.containment);
      if (!best || score > best.score) best = { id: c.id, score };
    }
    return best?.id ?? null;
  }

  private requireStorage(): { sources: SourceRepository; unitOfWork: UnitOfWork; blobs: BlobStore } {
    if (!this.sources || !this.unitOfWork || !this.blobs) throw new Error('CaptureService was built without storage');
    return { sources: this.sources, unitOfWork: this.unitOfWork, blobs: this.blobs };
  }
}
