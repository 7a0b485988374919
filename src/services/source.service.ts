import { hasRole, type Principal, type Role } from '../domain/access.js';
import { AppError } from '../domain/errors.js';
import type { CollectionId, SourceId } from '../domain/ids.js';
import type { Source, SourceArticle } from '../domain/source.js';
import type { Acquired, AcquireOptions } from '../pipeline/capture/acquire.js';
import { checkDeclaredType, safeFileName } from '../pipeline/capture/upload.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { SourceRepository } from '../storage/source.repository.js';
import type { CaptureOutcome, CaptureService, CaptureSettings, ToolInfo } from './capture.service.js';

export interface SourceServiceSettings {
  acquire: AcquireOptions;
  tool: ToolInfo;
  now?: () => Date;
}

export interface SourceSummary {
  source: Source;
  title: string | null;
  language: string | null;
  cleanError: string | null;
}

export type StoredCapture = Extract<CaptureOutcome, { ok: true }>;

/**
 * Sources as the API sees them: captured by a signed-in user into a collection, listed and
 * read only by members of that collection. A source in a collection the caller cannot see is
 * reported as not found, so ids are not confirmed to outsiders.
 */
export class SourceService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly blobs: BlobStore,
    private readonly capture: CaptureService,
    private readonly settings: SourceServiceSettings,
  ) {}

  async list(actor: Principal, collectionId: CollectionId, page: { before: SourceId | null; limit: number }): Promise<SourceSummary[]> {
    requireRole(actor, collectionId, 'viewer');
    return this.sources.listSummaries(collectionId, page.before, page.limit);
  }

  async get(actor: Principal, id: SourceId): Promise<{ source: Source; article: SourceArticle | null }> {
    const source = await this.visible(actor, id);
    return { source, article: await this.sources.findArticle(id) };
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
