import { hasRole, type Principal, type Role } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { CollectionId, SourceId } from '../domain/ids.js';
import type { Source, SourceArticle } from '../domain/source.js';
import type { Acquired, AcquireOptions } from '../pipeline/capture/acquire.js';
import { checkDeclaredType, safeFileName } from '../pipeline/capture/upload.js';
import { decodeHtml } from '../pipeline/capture/charset.js';
import { renderSafeView } from '../pipeline/view/safe-view.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { ExtractionRepository, StoredExtraction } from '../storage/extraction.repository.js';
import type { JobRepository, JobStatus } from '../storage/job.repository.js';
import type { SourceRepository } from '../storage/source.repository.js';
import { PROCESS_SOURCE_JOB, type CaptureOutcome, type CaptureService, type CaptureSettings, type ToolInfo } from './capture.service.js';

export interface SourceServiceSettings {
  acquire: AcquireOptions;
  tool: ToolInfo;
  now?: () => Date;
}

/** Where a source is in the background processing (extraction into suggestions). */
export interface ProcessingStatus {
  status: JobStatus;
  /** Why the last attempt failed (ids and reasons only, never article text). */
  error: string | null;
  attempts: number;
  updatedAt: string;
}

export interface SourceSummary {
  source: Source;
  title: string | null;
  language: string | null;
  cleanError: string | null;
  processing: ProcessingStatus | null;
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export type StoredCapture = Extract<CaptureOutcome, { ok: true }>;

/**
 * Sources as the API sees them: captured by a signed-in user into a collection, listed and
 * read only by members of that collection. A source in a collection the caller cannot see is
 * reported as not found, so ids are not confirmed to outsiders.
 */
export class SourceService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly derived: { jobs: JobRepository; extractions: ExtractionRepository },
    private readonly blobs: BlobStore,
    private readonly capture: CaptureService,
    private readonly settings: SourceServiceSettings,
  ) {}

  async list(actor: Principal, collectionId: CollectionId, page: { before: SourceId | null; limit: number }): Promise<SourceSummary[]> {
    requireRole(actor, collectionId, 'viewer');
    const rows = await this.sources.listSummaries(collectionId, page.before, page.limit);
    const jobs = await this.derived.jobs.latestForSubjects(PROCESS_SOURCE_JOB, rows.map((s) => s.source.id));
    return rows.map((s) => ({ ...s, processing: processingOf(jobs.get(s.source.id)) }));
  }

  async get(actor: Principal, id: SourceId): Promise<{ source: Source; article: SourceArticle | null; processing: ProcessingStatus | null }> {
    const source = await this.visible(actor, id);
    const jobs = await this.derived.jobs.latestForSubjects(PROCESS_SOURCE_JOB, [id]);
    return { source, article: await this.sources.findArticle(id), processing: processingOf(jobs.get(id)) };
  }

  /** What extraction found in the source's text (spans index `extraction.text`); not found until processed. */
  async extraction(actor: Principal, id: SourceId): Promise<StoredExtraction> {
    await this.visible(actor, id);
    const found = await this.derived.extractions.find(id);
    if (!found) throw new AppError('NOT_FOUND', `source ${id} has not been processed yet`, { details: { reason: 'not-processed' } });
    return found;
  }

  /**
   * The source as a page safe to show inside Chronicle: captured HTML sanitised (no script,
   * nothing that loads), other sources as their cleaned text, escaped. Serve it with
   * `SAFE_VIEW_CSP` (pipeline/view/safe-view.ts).
   */
  async view(actor: Principal, id: SourceId): Promise<{ source: Source; html: string }> {
    const source = await this.visible(actor, id);
    const article = (await this.sources.findArticle(id))?.article ?? null;
    const meta = { title: article?.title ?? null, lang: article?.language ?? null };
    if (HTML_TYPES.has(source.mediaType)) {
      const { text } = decodeHtml(await this.blobs.get(source.sha256), source.provenance.httpHeaders?.['content-type'] ?? null);
      return { source, html: renderSafeView({ kind: 'html', html: text }, meta) };
    }
    if (!article?.text) throw new AppError('NOT_FOUND', `source ${id} has no readable text to show`);
    return { source, html: renderSafeView({ kind: 'text', text: article.text }, meta) };
  }

  /** The original bytes exactly as captured (hostile content: the caller must serve them inert). */
  async original(actor: Principal, id: SourceId): Promise<{ source: Source; bytes: Buffer }> {
    const source = await this.visible(actor, id);
    return { source, bytes: await this.blobs.get(source.sha256) };
  }

  async captureUrl(actor: Principal, collectionId: CollectionId, url: string): Promise<StoredCapture> {
    requireRole(actor, collectionId, 'analyst');
    const outcome = await this.capture.capture(url, this.captureSettings(actor, collectionId), { store: true });
    return storedOrThrow(outcome, 'url');
  }

  async captureText(actor: Principal, collectionId: CollectionId, text: string): Promise<StoredCapture> {
    requireRole(actor, collectionId, 'analyst');
    const bytes = Buffer.from(text, 'utf8');
    const acquired: Acquired = { origin: 'text', bytes, fileName: null, contentType: 'text/plain; charset=utf-8', fetched: null };
    const outcome = await this.capture.captureAcquired('text:pasted', acquired, this.captureSettings(actor, collectionId), { store: true });
    return storedOrThrow(outcome, 'text');
  }

  /** An uploaded file: its name neutralised, its declared type checked against its bytes. */
  async captureUpload(
    actor: Principal,
    collectionId: CollectionId,
    file: { bytes: Buffer; fileName: string | null; contentType: string | null },
  ): Promise<StoredCapture> {
    requireRole(actor, collectionId, 'analyst');
    if (file.bytes.length === 0) throw new AppError('INVALID_INPUT', 'the uploaded file is empty');
    const fileName = safeFileName(file.fileName);
    const check = checkDeclaredType(file.bytes, { contentType: file.contentType, fileName });
    if (!check.ok) {
      throw new AppError('UNSUPPORTED_MEDIA', `the file is declared as ${check.declared} but its content is ${check.detected}`, {
        details: { declared: check.declared, detected: check.detected },
      });
    }
    const acquired: Acquired = { origin: 'upload', bytes: file.bytes, fileName, contentType: file.contentType, fetched: null };
    const outcome = await this.capture.captureAcquired(`upload:${fileName ?? 'unnamed'}`, acquired, this.captureSettings(actor, collectionId), {
      store: true,
    });
    return storedOrThrow(outcome, 'upload');
  }

  private async visible(actor: Principal, id: SourceId): Promise<Source> {
    const source = await this.sources.findById(id);
    if (!source || !hasRole(actor, source.collectionId, 'viewer')) throw new AppError('NOT_FOUND', `no source ${id}`);
    return source;
  }

  private captureSettings(actor: Principal, collectionId: CollectionId): CaptureSettings {
    return { acquire: this.settings.acquire, user: actor.user.username, tool: this.settings.tool, collectionId, now: this.settings.now };
  }
}

function processingOf(job: { status: JobStatus; error: string | null; attempts: number; updatedAt: string } | undefined): ProcessingStatus | null {
  return job ? { status: job.status, error: job.error, attempts: job.attempts, updatedAt: job.updatedAt } : null;
}

function requireRole(actor: Principal, collectionId: CollectionId, role: Role): void {
  if (!hasRole(actor, collectionId, role)) throw new AppError('FORBIDDEN', `this needs the ${role} role in collection ${collectionId}`);
}

/** A capture that stored nothing becomes an error with the code the API and CLI map. */
function storedOrThrow(outcome: CaptureOutcome, kind: 'url' | 'text' | 'upload'): StoredCapture {
  if (outcome.ok) return outcome;
  const reason = outcome.error;
  if (reason.startsWith('unsupported content')) throw new AppError('UNSUPPORTED_MEDIA', reason);
  if (/ over the .* limit$/.test(reason)) throw new AppError('TOO_LARGE', reason);
  if (kind === 'url') throw new AppError(reason.startsWith('refused') ? 'FETCH_REFUSED' : 'FETCH_FAILED', reason);
  throw new AppError('INVALID_INPUT', reason);
}
