import type { SourceId } from '../domain/ids.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { SourceRepository } from '../storage/source.repository.js';

export interface IntegrityProblem {
  sourceId: SourceId;
  sha256: string;
  problem: 'missing' | 'mismatch';
  /** For a mismatch: the hash the stored bytes have now. */
  actual?: string;
}

export interface IntegrityReport {
  checked: number;
  ok: number;
  problems: IntegrityProblem[];
}

const PAGE = 500;

/** Re-hashes every stored original and reports each one that is missing or altered. */
export class IntegrityService {
  constructor(
    private readonly sources: SourceRepository,
    private readonly blobs: BlobStore,
  ) {}

  async verify(onProgress?: (checked: number, total: number) => void): Promise<IntegrityReport> {
    const total = await this.sources.count();
    const report: IntegrityReport = { checked: 0, ok: 0, problems: [] };
    let after: SourceId | null = null;
    for (;;) {
      const page = await this.sources.listPage(after, PAGE);
      if (page.length === 0) break;
      for (const s of page) {
        const check = await this.blobs.check(s.sha256);
        report.checked++;
        if (check.status === 'ok') report.ok++;
        else report.problems.push({ sourceId: s.id, sha256: s.sha256, problem: check.status, ...(check.actual ? { actual: check.actual } : {}) });
        onProgress?.(report.checked, total);
      }
      after = page[page.length - 1]!.id;
    }
    return report;
  }
}
